using System.Globalization;
using System.Xml.Linq;

namespace Resilience.AwsStandIn;

/// <summary>The query-protocol half: RDS and CloudWatch, XML answers in the services' namespaces.</summary>
public sealed partial class AuroraStandIn
{
    private const string RdsVersion = "2014-10-31";
    private const string CloudWatchVersion = "2010-08-01";
    private static readonly XNamespace RdsNs = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static readonly XNamespace CloudWatchNs = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private Reply Rds(string operation, IReadOnlyDictionary<string, string> form)
    {
        lock (Gate)
        {
            return operation switch
            {
                "DescribeDBClusters" => QueryReply(RdsNs, operation, new XElement(RdsNs + "DBClusters",
                    ClustersNamed(form.GetValueOrDefault("DBClusterIdentifier")).Select(ClusterXml))),
                "DescribeDBInstances" => QueryReply(RdsNs, operation, new XElement(RdsNs + "DBInstances",
                    InstancesOf(form).Select(i => InstanceXml(i.Cluster, i.Instance)))),
                "DescribeDBClusterEndpoints" => QueryReply(RdsNs, operation, new XElement(RdsNs + "DBClusterEndpoints",
                    EndpointsOf(ClusterNamed(Required(form, "DBClusterIdentifier"))))),
                "ModifyDBClusterEndpoint" => ModifyEndpoint(form),
                "FailoverDBCluster" => Failover(form),
                "RebootDBInstance" => Reboot(form),
                _ => RestoreOperation(operation, form),
            };
        }
    }

    private Reply CloudWatch(string operation, IReadOnlyDictionary<string, string> form)
    {
        lock (Gate)
        {
            switch (operation)
            {
                case "DescribeAlarms":
                    var names = form.Where(p => p.Key.StartsWith("AlarmNames.member.", StringComparison.Ordinal)).Select(p => p.Value).ToHashSet();
                    var alarms = Alarms.Where(a => names.Count == 0 || names.Contains(a.Name)).Select(a => new XElement(CloudWatchNs + "member",
                        new XElement(CloudWatchNs + "AlarmName", a.Name),
                        new XElement(CloudWatchNs + "AlarmArn", a.Arn(Region)),
                        new XElement(CloudWatchNs + "StateValue", a.State),
                        new XElement(CloudWatchNs + "StateReason", a.Reason),
                        new XElement(CloudWatchNs + "StateUpdatedTimestamp", Iso(a.Updated))));
                    return QueryReply(CloudWatchNs, operation, new XElement(CloudWatchNs + "MetricAlarms", alarms));
                case "DescribeAlarmHistory":
                    var name = form.GetValueOrDefault("AlarmName");
                    var since = form.TryGetValue("StartDate", out var start) ? DateTimeOffset.Parse(start, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
                    var items = Alarms.Where(a => name is null || a.Name == name)
                        .SelectMany(a => a.History.Where(h => h.At >= since).Select(h => new XElement(CloudWatchNs + "member",
                            new XElement(CloudWatchNs + "AlarmName", a.Name),
                            new XElement(CloudWatchNs + "AlarmType", "MetricAlarm"),
                            new XElement(CloudWatchNs + "Timestamp", Iso(h.At)),
                            new XElement(CloudWatchNs + "HistoryItemType", "StateUpdate"),
                            new XElement(CloudWatchNs + "HistorySummary", h.Summary))));
                    return QueryReply(CloudWatchNs, operation, new XElement(CloudWatchNs + "AlarmHistoryItems", items));
                case "PutMetricData":
                    Metrics.Add(MetricDatum(form));
                    return new Reply(200, "text/xml", new XElement(CloudWatchNs + "PutMetricDataResponse",
                        new XElement(CloudWatchNs + "ResponseMetadata", new XElement(CloudWatchNs + "RequestId", Guid.NewGuid().ToString()))).ToString(SaveOptions.DisableFormatting), NoHeaders);
                default:
                    throw new StandInFault(400, "InvalidAction", $"the stand-in does not serve {operation}");
            }
        }
    }

    // One datum per call is all the project sends; CloudWatch's own limits on names are checked as it checks them.
    private static StandInMetric MetricDatum(IReadOnlyDictionary<string, string> form)
    {
        var ns = Required(form, "Namespace");
        if (ns.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw new StandInFault(400, "InvalidParameterValue", "The value AWS/ for parameter Namespace is invalid.");
        }

        const string Datum = "MetricData.member.1.";
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; form.TryGetValue($"{Datum}Dimensions.member.{i}.Name", out var name); i++)
        {
            dimensions[name] = Required(form, $"{Datum}Dimensions.member.{i}.Value");
        }

        var value = double.Parse(Required(form, Datum + "Value"), CultureInfo.InvariantCulture);
        var at = form.TryGetValue(Datum + "Timestamp", out var stamp) ? DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture) : DateTimeOffset.UnixEpoch;
        return new StandInMetric(ns, Required(form, Datum + "MetricName"), dimensions, value, form.GetValueOrDefault(Datum + "Unit"), at);
    }

    private IEnumerable<StandInCluster> ClustersNamed(string? id) =>
        id is null ? Clusters : [ClusterNamed(id)];

    private StandInCluster ClusterNamed(string id) =>
        Clusters.FirstOrDefault(c => c.Id == id) ?? throw new StandInFault(404, "DBClusterNotFoundFault", $"DBCluster {id} not found.");

    private IEnumerable<(StandInCluster Cluster, StandInInstance Instance)> InstancesOf(IReadOnlyDictionary<string, string> form)
    {
        var clusterFilter = form.GetValueOrDefault("Filters.Filter.1.Name") == "db-cluster-id" ? form.GetValueOrDefault("Filters.Filter.1.Values.Value.1") : null;
        var id = form.GetValueOrDefault("DBInstanceIdentifier");
        var all = Clusters.Where(c => clusterFilter is null || c.Id == clusterFilter).SelectMany(c => c.Instances.Select(i => (c, i))).Where(p => id is null || p.i.Id == id).ToList();
        return id is not null && all.Count == 0 ? throw new StandInFault(404, "DBInstanceNotFound", $"DBInstance {id} not found.") : all;
    }

    private XElement ClusterXml(StandInCluster c) => new(RdsNs + "DBCluster",
        new XElement(RdsNs + "DBClusterIdentifier", c.Id),
        new XElement(RdsNs + "Status", c.Status),
        new XElement(RdsNs + "Endpoint", c.WriterAddress),
        new XElement(RdsNs + "ReaderEndpoint", c.ReaderAddress),
        new XElement(RdsNs + "Port", c.Port),
        new XElement(RdsNs + "Engine", "aurora-postgresql"),
        new XElement(RdsNs + "DBClusterMembers", c.Instances.Select(i => new XElement(RdsNs + "DBClusterMember",
            new XElement(RdsNs + "DBInstanceIdentifier", i.Id),
            new XElement(RdsNs + "IsClusterWriter", i.IsWriter ? "true" : "false"),
            new XElement(RdsNs + "PromotionTier", i.PromotionTier)))),
        new XElement(RdsNs + "DBClusterArn", c.Arn(Region)),
        new XElement(RdsNs + "TagList", c.Tags.Select(t => new XElement(RdsNs + "Tag", new XElement(RdsNs + "Key", t.Key), new XElement(RdsNs + "Value", t.Value)))),
        RestoreMembersXml(c),
        c.PendingModification ? new XElement(RdsNs + "PendingModifiedValues", new XElement(RdsNs + "EngineVersion", "15.8")) : null);

    private XElement InstanceXml(StandInCluster c, StandInInstance i) => new(RdsNs + "DBInstance",
        new XElement(RdsNs + "DBInstanceIdentifier", i.Id),
        new XElement(RdsNs + "DBInstanceClass", i.InstanceClass),
        new XElement(RdsNs + "Engine", "aurora-postgresql"),
        new XElement(RdsNs + "DBInstanceStatus", i.Status),
        new XElement(RdsNs + "Endpoint", new XElement(RdsNs + "Address", i.Address), new XElement(RdsNs + "Port", i.Port)),
        new XElement(RdsNs + "InstanceCreateTime", Iso(i.CreateTime)),
        new XElement(RdsNs + "AvailabilityZone", i.AvailabilityZone),
        i.PendingModification ? new XElement(RdsNs + "PendingModifiedValues", new XElement(RdsNs + "DBInstanceClass", "db.r6g.xlarge")) : new XElement(RdsNs + "PendingModifiedValues"),
        new XElement(RdsNs + "DBClusterIdentifier", c.Id),
        new XElement(RdsNs + "DbiResourceId", i.ResourceId),
        new XElement(RdsNs + "PromotionTier", i.PromotionTier),
        new XElement(RdsNs + "DBInstanceArn", i.Arn(Region)));

    private IEnumerable<XElement> EndpointsOf(StandInCluster c) =>
        c.Endpoints.Select(e => EndpointXml(RdsNs + "DBClusterEndpointList", c, e));

    private static XElement EndpointXml(XName name, StandInCluster c, StandInEndpoint e) => new(name,
        new XElement(RdsNs + "DBClusterEndpointIdentifier", e.Id),
        new XElement(RdsNs + "DBClusterIdentifier", c.Id),
        new XElement(RdsNs + "Endpoint", e.Address),
        new XElement(RdsNs + "Status", e.Status),
        new XElement(RdsNs + "EndpointType", e.Type),
        e.Type == "CUSTOM" ? new XElement(RdsNs + "CustomEndpointType", e.CustomType) : null,
        new XElement(RdsNs + "StaticMembers", e.StaticMembers.Select(m => new XElement(RdsNs + "member", m))),
        new XElement(RdsNs + "ExcludedMembers", e.ExcludedMembers.Select(m => new XElement(RdsNs + "member", m))));

    private Reply ModifyEndpoint(IReadOnlyDictionary<string, string> form)
    {
        var id = Required(form, "DBClusterEndpointIdentifier");
        var (cluster, endpoint) = Clusters.SelectMany(c => c.Endpoints.Select(e => (c, e))).FirstOrDefault(p => p.e.Id == id);
        if (endpoint is null)
        {
            throw new StandInFault(404, "DBClusterEndpointNotFoundFault", $"DBClusterEndpoint {id} not found.");
        }

        var members = form.Where(p => p.Key.StartsWith("StaticMembers.member.", StringComparison.Ordinal)).OrderBy(p => int.Parse(p.Key[21..], CultureInfo.InvariantCulture)).Select(p => p.Value).ToList();
        foreach (var member in members.Where(m => cluster!.Instances.All(i => i.Id != m)))
        {
            throw new StandInFault(404, "DBInstanceNotFound", $"DBInstance {member} not found.");
        }

        endpoint.StaticMembers.Clear();
        endpoint.StaticMembers.AddRange(members);
        return new Reply(200, "text/xml", Envelope(RdsNs, "ModifyDBClusterEndpoint", EndpointXml(RdsNs + "ModifyDBClusterEndpointResult", cluster!, endpoint).Elements()), NoHeaders);
    }

    private Reply Failover(IReadOnlyDictionary<string, string> form)
    {
        var cluster = ClusterNamed(Required(form, "DBClusterIdentifier"));
        if (cluster.Status != "available")
        {
            throw new StandInFault(400, "InvalidDBClusterStateFault", $"DBCluster {cluster.Id} is in {cluster.Status} state.");
        }

        var target = form.GetValueOrDefault("TargetDBInstanceIdentifier") is { } t
            ? cluster.Instances.FirstOrDefault(i => i.Id == t) ?? throw new StandInFault(404, "DBInstanceNotFound", $"DBInstance {t} not found.")
            : cluster.Instances.Where(i => !i.IsWriter).OrderBy(i => i.PromotionTier).First();
        if (Database is { } database)
        {
            var promote = FailOverLater(cluster, target, database);
            return QueryReply(RdsNs, "FailoverDBCluster", ClusterXml(cluster)) with { AfterReply = promote };
        }

        foreach (var instance in cluster.Instances)
        {
            instance.IsWriter = instance == target;
        }

        return QueryReply(RdsNs, "FailoverDBCluster", ClusterXml(cluster));
    }

    private Reply Reboot(IReadOnlyDictionary<string, string> form)
    {
        var id = Required(form, "DBInstanceIdentifier");
        var (cluster, instance) = Clusters.SelectMany(c => c.Instances.Select(i => (c, i))).FirstOrDefault(p => p.i.Id == id);
        if (instance is null)
        {
            throw new StandInFault(404, "DBInstanceNotFound", $"DBInstance {id} not found.");
        }

        instance.Status = "rebooting";
        return QueryReply(RdsNs, "RebootDBInstance", InstanceXml(cluster!, instance));
    }

    private static string Required(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) ? value : throw new StandInFault(400, "MissingParameter", $"The request must contain the parameter {name}.");

    private static Reply QueryReply(XNamespace ns, string operation, XElement content) =>
        new(200, "text/xml", Envelope(ns, operation, [content]), NoHeaders);

    private static string Envelope(XNamespace ns, string operation, IEnumerable<XElement> result) =>
        new XElement(ns + (operation + "Response"),
            new XElement(ns + (operation + "Result"), result),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", Guid.NewGuid().ToString()))).ToString(SaveOptions.DisableFormatting);

    private Reply QueryError(string operation, int status, string code, string message)
    {
        var ns = operation is "DescribeAlarms" or "DescribeAlarmHistory" or "PutMetricData" ? CloudWatchNs : RdsNs;
        var body = new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error", new XElement(ns + "Type", status >= 500 ? "Receiver" : "Sender"), new XElement(ns + "Code", code), new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", Guid.NewGuid().ToString())).ToString(SaveOptions.DisableFormatting);
        return new Reply(status, "text/xml", body, NoHeaders);
    }

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();
}
