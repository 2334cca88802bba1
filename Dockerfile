# The chaos suite as a container image: the `chaos` CLI, the stack files, and what scenarios need on a
# cloud platform (psql for restores and checks). The scheduled game-days of the cloud stacks run it
# (docs/scheduling.md); CI builds and pushes it (.github/workflows/chaos-image.yml).
# Base images are arguments so a registry mirror can be used; the SDK must satisfy global.json.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Build.targets BannedSymbols.txt Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/ChaosSuite -c Release -o /out -nologo

FROM ${RUNTIME_IMAGE}
# psql: restores and data checks on aws/kubernetes stacks. The local platform's engines (Patroni, etcd,
# HAProxy) are not in the image: the local game-day runs on a CI runner, not in a container.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out /opt/chaos
WORKDIR /stacks
COPY Pulumi.yaml Pulumi.*.yaml ./
# Reports go to /reports (a volume, or synced to object storage by the scheduler).
RUN mkdir -p /reports && chown app:app /reports
USER app
ENTRYPOINT ["dotnet", "/opt/chaos/chaos.dll"]
CMD ["gameday", "--stack", "staging", "--stacks-dir", "/stacks", "--report-dir", "/reports/latest"]
