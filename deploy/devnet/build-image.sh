#!/usr/bin/env bash
# Builds the devnet node image (deploy/devnet/Dockerfile) when its sources changed: the image is
# tagged with a hash of everything that goes into it, so an unchanged tree costs one `docker image
# inspect`, and the stable tag the dashboard uses (metanode-devnet:local) is pointed at it.
#   deploy/devnet/build-image.sh [image-name]     (default metanode-devnet:local)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

image=${1:-metanode-devnet:local}
repository=${image%:*}

# What the image is made of: the devnet's sources, the shared build settings and this folder.
hash=$(
  { find src/MetaNode.Devnet deploy/devnet -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0
    printf '%s\0' Directory.Build.props Directory.Packages.props global.json; } |
    sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16
)
versioned="$repository:src-$hash"

if docker image inspect "$versioned" >/dev/null 2>&1; then
  docker tag "$versioned" "$image"
  echo "$image is up to date ($versioned)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "publishing MetaNode.Devnet native AOT"
dotnet publish src/MetaNode.Devnet/MetaNode.Devnet.csproj -c Release -r linux-x64 \
  -p:PublishAot=true -p:StripSymbols=true -o "$work/publish" -nologo -clp:ErrorsOnly

# The root file system: the program, the shared libraries the loader resolves for it (libc, libm,
# ld-linux), and OpenSSL 3, which the runtime loads on first use of SHA-256 (block hashes) and
# which ldd cannot see because it is opened with dlopen.
mkdir -p "$work/context/rootfs/tmp" "$work/context/data"
chmod 1777 "$work/context/rootfs/tmp"
cp "$work/publish/MetaNode.Devnet" "$work/context/rootfs/metanode-devnet"
openssl=$(ldconfig -p | awk '$1 ~ /^lib(ssl|crypto)\.so\.3$/ && /x86-64/ { print $NF }')
[ -n "$openssl" ] || { echo "OpenSSL 3 (libssl3) is not installed" >&2; exit 1; }
{ ldd "$work/publish/MetaNode.Devnet"; echo "$openssl"; ldd $openssl; } | grep -o '/[^ :]*' | sort -u | while read -r library; do
  mkdir -p "$work/context/rootfs$(dirname "$library")"
  cp -L "$library" "$work/context/rootfs$library"
done

# The legacy builder needs no BuildKit component and pulls nothing for FROM scratch.
if ! DOCKER_BUILDKIT=0 docker build -q -f deploy/devnet/Dockerfile -t "$versioned" -t "$image" \
  --label "org.opencontainers.image.title=MetaNode.Devnet" --label "metanode.source-hash=$hash" \
  "$work/context" >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
# Earlier builds of the same repository are no longer wanted; one still used by a container stays.
docker image ls --format '{{.Repository}}:{{.Tag}}' "$repository" | grep -F ":src-" | grep -vxF "$versioned" |
  xargs -r docker rmi >/dev/null 2>&1 || true
echo "built $image ($versioned, $(docker image inspect -f '{{.Size}}' "$versioned") bytes)"
