using System.Text.RegularExpressions;

namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:kubernetes</c> section (infra/spec/sections/kubernetes.ts).</summary>
internal sealed partial class SpecReader
{
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabelRegex();

    [GeneratedRegex(@"^(s3|gs)://[a-z0-9][a-z0-9.-]+[a-z0-9](/.*)?$|^https://.+")]
    private static partial Regex ObjectStoreRegex();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    private static partial Regex RoleArnRegex();

    [GeneratedRegex(@"^([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex LabelRegex();

    private static KubernetesPlatformSpec? ReadKubernetes(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var o = node.AsObject();
        var nsNode = o.Field("namespace");
        var ns = nsNode?.AsString() ?? SpecDefaults.KubernetesNamespace;
        if (!DnsLabelRegex().IsMatch(ns))
        {
            throw nsNode!.Error($"must be a DNS label (lowercase letters, digits, '-'), got '{ns}'");
        }

        var storageClass = o.Field("storageClass")?.AsNonEmptyString();
        var zones = o.Field("zones")?.AsStringList() ?? [];
        var chart = o.Field("operatorChartVersion")?.AsNonEmptyString() ?? SpecDefaults.OperatorChartVersion;
        var destination = Matching(o.Field("backupDestinationPath"), ObjectStoreRegex(), "an object store URL (s3://bucket/path, gs://bucket/path or https://...)");
        var role = Matching(o.Field("backupRoleArn"), RoleArnRegex(), "an IAM role ARN arn:aws:iam::<12-digit account>:role/<name>");
        var monitoring = o.Field("monitoring")?.AsBool() ?? SpecDefaults.KubernetesMonitoring;
        IReadOnlyList<string> labels = SpecDefaults.MonitoringLabels;
        if (o.Field("monitoringLabels") is { } labelsNode)
        {
            var list = new List<string>();
            foreach (var item in labelsNode.AsList())
            {
                var label = Matching(item, LabelRegex(), "a Kubernetes label key=value")!;
                list.Add(list.Contains(label) ? throw item.Error($"'{label}' is listed twice") : label);
            }

            labels = list;
        }

        o.RejectUnknownFields();
        if (destination is not null && destination.StartsWith("s3://", StringComparison.Ordinal) && role is null)
        {
            throw new StackFileException(node.File, $"{node.Path}.backupRoleArn", "is required with an s3:// backupDestinationPath (the pods reach the bucket through this role, no stored keys)");
        }

        return new KubernetesPlatformSpec(ns, storageClass, zones, chart, destination, role, labels, monitoring);
    }

    private static string? Matching(ConfigNode? node, Regex pattern, string what)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.AsString();
        return pattern.IsMatch(text) ? text : throw node.Error($"must be {what}, got '{text}'");
    }
}
