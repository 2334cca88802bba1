using System.Text.RegularExpressions;

namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:kubernetes</c> section (infra/spec/sections/kubernetes.ts).</summary>
internal sealed partial class SpecReader
{
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabelRegex();

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

        var spec = new KubernetesPlatformSpec(
            ns,
            o.Field("storageClass")?.AsNonEmptyString(),
            o.Field("zones")?.AsStringList() ?? [],
            o.Field("operatorChartVersion")?.AsNonEmptyString() ?? SpecDefaults.OperatorChartVersion);
        o.RejectUnknownFields();
        return spec;
    }
}
