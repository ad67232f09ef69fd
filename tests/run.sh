#!/usr/bin/env bash
# The README's test command. Prepares what the suites need (installing what is missing, so it
# works on a fresh machine and is safe to run again), then builds once and runs every test
# project. Exits non-zero on any failure. METANODE_REQUIRE_ALL=1 turns a test's "prerequisite
# missing, skipped" into a failure: nothing passes by not running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export METANODE_REQUIRE_ALL=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing_packages() {
  local packages=()
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  # The generated deployment files are checked with the tools that read them.
  command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || packages+=(haproxy)
  command -v kubectl >/dev/null || packages+=(kubernetes-client)
  command -v docker-compose >/dev/null || packages+=(docker-compose)
  # The Docker provider's tests run against a real engine; the devnet image is native AOT (clang).
  command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
  command -v clang >/dev/null 2>&1 || packages+=(clang)
  if ((${#packages[@]})); then
    log "installing ${packages[*]}"
    as_root apt-get update -qq
    # RUNLEVEL=1: the packages that ship a service (haproxy) must not start it.
    as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${packages[@]}"
  fi
}

# dockerd answering, or started the way DESIGN §8 proves works here (no systemd), waited on with a deadline.
start_docker() {
  docker info >/dev/null 2>&1 && return 0
  log "starting dockerd"
  as_root sh -c 'setsid dockerd >>/var/log/dockerd.log 2>&1 </dev/null &'
  local deadline=$(( $(date +%s) + 60 ))
  until docker info >/dev/null 2>&1; do
    if (( $(date +%s) >= deadline )); then
      echo "dockerd did not answer within 60 s; last lines of /var/log/dockerd.log:" >&2
      tail -n 20 /var/log/dockerd.log >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

started=$(date +%s)
install_missing_packages
start_docker

log "devnet image"
deploy/devnet/build-image.sh

log "building"
dotnet build MetaNode.Dashboard.sln -c Debug -nologo -clp:ErrorsOnly

log "testing"
dotnet test --solution MetaNode.Dashboard.sln -c Debug --no-build --timeout 30m "$@"

log "all suites passed in $(( $(date +%s) - started )) s"
