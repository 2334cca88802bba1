using System.Text.RegularExpressions;

namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:aws</c> section (infra/spec/sections/aws.ts).</summary>
internal sealed partial class SpecReader
{
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z](-[a-z]+-[0-9]+[a-z])?$")]
    private static partial Regex AvailabilityZoneRegex();

    private AwsPlatformSpec? ReadAws(ConfigNode? node, Platform platform)
    {
        if (node is null)
        {
            return platform == Platform.Aws ? throw new StackFileException(file, Prefix + "aws", "is required on platform aws (vpcId, subnetIds, availabilityZones)") : null;
        }

        var o = node.AsObject();
        var vpcNode = o.Required("vpcId");
        var vpc = Ec2Id(vpcNode, "vpc-");
        var subnetsNode = o.Required("subnetIds");
        var subnets = subnetsNode.AsList().Select(s => Ec2Id(s, "subnet-")).ToList();
        if (subnets.Count < 2)
        {
            throw subnetsNode.Error($"needs at least 2 subnets, got {subnets.Count}");
        }

        var zonesNode = o.Required("availabilityZones");
        var zones = new List<string>();
        foreach (var item in zonesNode.AsList())
        {
            var zone = item.AsString();
            if (!AvailabilityZoneRegex().IsMatch(zone))
            {
                throw item.Error($"must be an availability zone name such as eu-central-1a, got '{zone}'");
            }

            zones.Add(zones.Contains(zone) ? throw item.Error($"'{zone}' is listed twice") : zone);
        }

        if (zones.Count < 2)
        {
            throw zonesNode.Error($"needs at least 2 availability zones, got {zones.Count}");
        }

        var groups = o.Field("allowedSecurityGroupIds")?.AsList().Select(s => Ec2Id(s, "sg-")).ToList() ?? [];
        var piNode = o.Field("performanceInsightsRetentionDays");
        var pi = piNode?.AsInt(7, 731) ?? SpecDefaults.PerformanceInsightsRetentionDays;
        if (pi != 7 && pi % 31 != 0)
        {
            throw piNode!.Error($"must be 7 or a multiple of 31 up to 731, got {pi}");
        }

        o.RejectUnknownFields();
        return new AwsPlatformSpec(vpc, subnets, zones, groups, pi);
    }
}
