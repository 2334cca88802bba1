using System.Text.Json;
using Resilience.AwsControlPlane;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>
/// Finds a cell's cluster, endpoints, FIS templates and alarms: from <c>pulumi stack output --json</c>
/// saved to a file, or from AWS by the names and tags the Pulumi program gives them
/// (<c>&lt;stack&gt;-&lt;cell&gt;</c>, <c>resilience:stack</c>, <c>resilience:cell</c>, <c>resilience:scenario</c>).
/// Every failure is one line saying what is missing and what to do.
/// </summary>
internal static class AuroraDiscovery
{
    public static async Task<AuroraCell> FindAsync(StackSpec spec, CellSpec cell, IAwsControlPlane aws, string? stackOutputsPath, CancellationToken cancellationToken)
    {
        var fromOutputs = stackOutputsPath is null ? null : FromStackOutputs(spec, cell, stackOutputsPath);
        var clusterId = fromOutputs?.ClusterIdentifier ?? PlatformNames.AuroraCluster(spec, cell);
        var cluster = (await aws.DescribeDbClustersAsync(clusterId, cancellationToken)).SingleOrDefault()
            ?? throw new PlatformException($"cluster {clusterId} of stack {spec.StackName} not found in {aws.Region}; run `pulumi up` for the stack, or check aws:region");
        if (cluster.Tags.TryGetValue("resilience:stack", out var tagged) && tagged != spec.StackName)
        {
            throw new PlatformException($"cluster {clusterId} in {aws.Region} belongs to stack {tagged} (tag resilience:stack), not {spec.StackName}; refusing to touch it");
        }

        var readEndpointId = $"{clusterId}-{spec.Endpoints.ReadName}";
        var warm = (await aws.DescribeDbClusterEndpointsAsync(clusterId, cancellationToken)).FirstOrDefault(e => e.Identifier == readEndpointId)
            ?? throw new PlatformException($"custom endpoint {readEndpointId} of cluster {clusterId} not found; run `pulumi up` for stack {spec.StackName}");

        var (primaryId, replicaId) = fromOutputs is { } o
            ? (o.PrimaryFailureTemplate, o.ReplicaFailureTemplate)
            : await TemplatesByTagAsync(spec, cell, aws, cancellationToken);
        var replicaTemplate = await aws.GetExperimentTemplateAsync(replicaId, cancellationToken);
        var primaryTemplate = await aws.GetExperimentTemplateAsync(primaryId, cancellationToken);
        if (!primaryTemplate.ActionIds.Contains("aws:rds:failover-db-cluster"))
        {
            throw new PlatformException($"FIS template {primaryId} ({AwsPlatformConstants.PrimaryFailureScenario} of cell {cell.Name}) does not fail over a cluster (actions: {string.Join(", ", primaryTemplate.ActionIds)}); run `pulumi up` for stack {spec.StackName}");
        }

        if (!replicaTemplate.ActionIds.Contains("aws:rds:reboot-db-instances"))
        {
            throw new PlatformException($"FIS template {replicaId} ({AwsPlatformConstants.ReplicaFailureScenario} of cell {cell.Name}) does not reboot an instance (actions: {string.Join(", ", replicaTemplate.ActionIds)}); run `pulumi up` for stack {spec.StackName}");
        }

        return new AuroraCell(
            cell.Name,
            clusterId,
            cluster.Endpoint ?? throw new PlatformException($"cluster {clusterId} has no writer endpoint yet (status {cluster.Status}); wait until it is available"),
            warm.Address ?? throw new PlatformException($"custom endpoint {readEndpointId} has no address yet (status {warm.Status}); wait until it is available"),
            readEndpointId,
            cluster.Port ?? 5432,
            primaryId,
            replicaId,
            [.. replicaTemplate.Targets.SelectMany(t => t.ResourceArns)],
            spec.Alarms.ToDictionary(a => a.Name, a => $"{clusterId}-{a.Name}", StringComparer.Ordinal));
    }

    private static async Task<(string Primary, string Replica)> TemplatesByTagAsync(StackSpec spec, CellSpec cell, IAwsControlPlane aws, CancellationToken cancellationToken)
    {
        var templates = (await aws.ListExperimentTemplatesAsync(cancellationToken))
            .Where(t => t.Tags.GetValueOrDefault("resilience:stack") == spec.StackName && t.Tags.GetValueOrDefault("resilience:cell") == cell.Name)
            .ToList();
        string Find(string scenario) =>
            templates.FirstOrDefault(t => t.Tags.GetValueOrDefault("resilience:scenario") == scenario)?.Id
            ?? throw new PlatformException($"no FIS template tagged resilience:stack={spec.StackName}, resilience:cell={cell.Name}, resilience:scenario={scenario} in {aws.Region}; run `pulumi up` for the stack, or pass --stack-outputs");
        return (Find(AwsPlatformConstants.PrimaryFailureScenario), Find(AwsPlatformConstants.ReplicaFailureScenario));
    }

    private sealed record Outputs(string ClusterIdentifier, string PrimaryFailureTemplate, string ReplicaFailureTemplate);

    // `pulumi stack output --json`: {"platform":"aws","cells":{"<cell>":{"clusterIdentifier":...,"fisTemplateIds":{...}}}}
    private static Outputs FromStackOutputs(StackSpec spec, CellSpec cell, string path)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new PlatformException($"--stack-outputs {path}: {e.Message.ReplaceLineEndings(" ")}; save it with `pulumi stack output --json --stack {spec.StackName} > {path}`");
        }

        using (json)
        {
            string Text(JsonElement e, string name) =>
                e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
                : throw new PlatformException($"--stack-outputs {path}: cells.{cell.Name}.{name} is missing; is it the output of stack {spec.StackName}?");
            if (!json.RootElement.TryGetProperty("cells", out var cells) || !cells.TryGetProperty(cell.Name, out var outputs))
            {
                throw new PlatformException($"--stack-outputs {path} has no cells.{cell.Name}; save it with `pulumi stack output --json --stack {spec.StackName}`");
            }

            var templates = outputs.TryGetProperty("fisTemplateIds", out var t) ? t : default;
            if (templates.ValueKind != JsonValueKind.Object)
            {
                throw new PlatformException($"--stack-outputs {path}: cells.{cell.Name}.fisTemplateIds is missing; is it the output of an aws stack?");
            }

            return new Outputs(Text(outputs, "clusterIdentifier"), Text(templates, "primaryFailure"), Text(templates, "replicaFailure"));
        }
    }
}
