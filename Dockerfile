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

# The AWS CLI v2 (official installer, pinned): the scheduled game-day on aws stacks reads and writes its
# reports in S3 with it (scripts/gameday-task). x86_64, as the ECS task definition declares.
FROM ${RUNTIME_IMAGE} AS awscli
ARG AWSCLI_VERSION=2.22.35
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl unzip ca-certificates \
    && curl -fsSL "https://awscli.amazonaws.com/awscli-exe-linux-x86_64-${AWSCLI_VERSION}.zip" -o /tmp/awscli.zip \
    && unzip -q /tmp/awscli.zip -d /tmp \
    && /tmp/aws/install --install-dir /opt/aws-cli --bin-dir /tmp/aws-bin

FROM ${RUNTIME_IMAGE}
# psql: restores and data checks on aws/kubernetes stacks. The local platform's engines (Patroni, etcd,
# HAProxy) are not in the image: the local game-day runs on a CI runner, not in a container.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out /opt/chaos
COPY --from=awscli /opt/aws-cli /opt/aws-cli
RUN ln -s /opt/aws-cli/v2/current/bin/aws /usr/local/bin/aws
COPY scripts/gameday-task /usr/local/bin/gameday-task
WORKDIR /stacks
COPY Pulumi.yaml Pulumi.*.yaml ./
# Reports go to /reports when asked (--report-dir); scheduled runs write chaos's default folder,
# /stacks/reports/<stack>/<time>-gameday (a volume on kubernetes, synced with S3 on aws).
RUN mkdir -p /reports /stacks/reports && chown app:app /reports /stacks/reports
USER app
ENTRYPOINT ["dotnet", "/opt/chaos/chaos.dll"]
CMD ["gameday", "--stack", "staging", "--stacks-dir", "/stacks", "--report-dir", "/reports/latest"]
