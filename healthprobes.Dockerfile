# HealthProbes as a container image: the warm-up gate controller (`healthprobes gate`) that the Pulumi program runs
# on aws stacks (an ECS Fargate service, infra/aws/warmupGateService.ts) and kubernetes stacks (a Deployment per
# cell, infra/kubernetes/healthProbes.ts), with the stack files it reads. CI builds and pushes it
# (.github/workflows/healthprobes-image.yml); the program takes its reference from the config key `healthprobes:image`.
# What the program passes it (arguments, environment, port, paths, user) is infra/healthProbesContract.json.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Build.targets BannedSymbols.txt Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/HealthProbes -c Release -o /out -nologo

FROM ${RUNTIME_IMAGE}
COPY --from=build /out /opt/healthprobes
WORKDIR /stacks
COPY Pulumi.yaml Pulumi.*.yaml ./
# The RDS CA bundle (contract image.rdsCaBundle): the gate verifies Aurora's certificates against it (verify-full) and
# refuses to start on an aws stack without one. Fetched at build time, so a rebuilt image has AWS's current bundle.
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/rds/global-bundle.pem
# The gate's ledger (contract image.stateDir); a volume in both deployments, so the root file system can be read-only.
RUN mkdir -p /var/lib/healthprobes && chown app:app /var/lib/healthprobes
# uid 1654 (the runtime image's `app` user): the contract's image.uid.
USER app
EXPOSE 8098
ENTRYPOINT ["dotnet", "/opt/healthprobes/HealthProbes.dll"]
CMD ["--help"]
