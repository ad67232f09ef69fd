# MetaNode Dashboard image. Multi-stage; the base images are build arguments so a site with its
# own registry (or none) can pass mirrored images:
#   docker build --build-arg SDK_IMAGE=registry.local/dotnet/sdk:10.0 \
#                --build-arg RUNTIME_IMAGE=registry.local/dotnet/aspnet:10.0 -t metanode-dashboard .
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/MetaNode.Operations/MetaNode.Operations.csproj src/MetaNode.Operations/
COPY src/MetaNode.Dashboard/MetaNode.Dashboard.csproj src/MetaNode.Dashboard/
RUN dotnet restore src/MetaNode.Dashboard/MetaNode.Dashboard.csproj
# The web project's wwwroot and appsettings.json are symlinks to these root copies (DESIGN §8).
COPY wwwroot/ wwwroot/
COPY appsettings.json ./
COPY src/ src/
# A developer checkout may carry bin/ and obj/ from the host; build from sources only.
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + \
 && dotnet publish src/MetaNode.Dashboard/MetaNode.Dashboard.csproj -c Release -o /app

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
# The official .NET images define a non-root user (APP_UID, 1654); the store lives in a volume it owns.
USER root
RUN mkdir -p /app/data && chown -R ${APP_UID:-1654}:${APP_UID:-1654} /app/data
USER ${APP_UID:-1654}
ENV URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Console__FormatterName=json \
    Dashboard__Storage__Path=/app/data/metanode.db
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/app/MetaNode.Dashboard", "healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/app/MetaNode.Dashboard"]
