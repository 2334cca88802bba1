namespace Resilience.AwsStandIn;

/// <summary>
/// Fills a stand-in with what the Pulumi program creates for one cell of an aws stack: the cluster
/// (<c>&lt;stack&gt;-&lt;cell&gt;</c>), a writer, a tier-0 failover target and a further reader,
/// the <c>warm-readers</c> custom endpoint, the two FIS templates and the cell's alarms, tagged as
/// infra/aws/tags.ts and fisExperiments.ts tag them.
/// </summary>
public static class StandInTopology
{
    /// <summary>Adds one cell; every address is 127.0.0.1 and every port <paramref name="port"/> unless the caller changes them.</summary>
    public static StandInCluster AddCell(AuroraStandIn standIn, string stack, string cell, int port = 5432, params string[] alarmNames)
    {
        ArgumentNullException.ThrowIfNull(standIn);
        var id = $"{stack}-{cell}";
        var cluster = new StandInCluster { Id = id, Port = port };
        cluster.Tags["resilience:stack"] = stack;
        cluster.Tags["resilience:cell"] = cell;
        cluster.Tags["resilience:managed-by"] = "pulumi";
        var created = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        cluster.Instances.Add(new StandInInstance { Id = $"{id}-writer", IsWriter = true, PromotionTier = 0, Port = port, CreateTime = created, AvailabilityZone = "eu-west-1a" });
        cluster.Instances.Add(new StandInInstance { Id = $"{id}-readers-1", PromotionTier = 0, Port = port, CreateTime = created, AvailabilityZone = "eu-west-1b" });
        cluster.Instances.Add(new StandInInstance { Id = $"{id}-readers-2", PromotionTier = 1, Port = port, CreateTime = created, AvailabilityZone = "eu-west-1c" });
        cluster.Endpoints.Add(new StandInEndpoint { Id = id, Type = "WRITER", Address = cluster.WriterAddress });
        cluster.Endpoints.Add(new StandInEndpoint { Id = id, Type = "READER", Address = cluster.ReaderAddress });
        var warm = new StandInEndpoint { Id = $"{id}-warm-readers", Type = "CUSTOM", CustomType = "READER", Address = cluster.ReaderAddress };
        warm.StaticMembers.AddRange([$"{id}-readers-1", $"{id}-readers-2"]);
        cluster.Endpoints.Add(warm);

        lock (standIn.Gate)
        {
            standIn.Clusters.Add(cluster);
            foreach (var name in alarmNames)
            {
                standIn.Alarms.Add(new StandInAlarm { Name = name });
            }

            var stopAlarms = standIn.Alarms.Where(a => alarmNames.Contains(a.Name)).Select(a => a.Arn(standIn.Region)).Take(5).ToList();
            standIn.Templates.Add(Template(cluster, "primary-failure", "aws:rds:failover-db-cluster", "aws:rds:cluster", [cluster.Arn(standIn.Region)], stopAlarms));
            // As infra/aws/fisExperiments.ts: one reader (COUNT(1)) of the readers that are not the failover target.
            var reboot = Template(cluster, "replica-hardware-failure", "aws:rds:reboot-db-instances", "aws:rds:db", [cluster.Instances[2].Arn(standIn.Region)], stopAlarms);
            reboot.SelectionMode = "COUNT(1)";
            standIn.Templates.Add(reboot);
        }

        return cluster;
    }

    private static int s_nextTemplate;

    private static StandInTemplate Template( StandInCluster cluster, string scenario, string action, string resourceType, List<string> arns, List<string> stopAlarms)
    {
        var template = new StandInTemplate
        {
            Id = "EXT" + Interlocked.Increment(ref s_nextTemplate).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            Description = $"{scenario} on {cluster.Id}",
            ActionId = action,
            TargetResourceType = resourceType,
        };
        foreach (var (key, value) in cluster.Tags)
        {
            template.Tags[key] = value;
        }

        template.Tags["Name"] = $"{cluster.Id}-{scenario}";
        template.Tags["resilience:scenario"] = scenario;
        template.TargetArns.AddRange(arns);
        template.StopConditionAlarmArns.AddRange(stopAlarms);
        return template;
    }
}
