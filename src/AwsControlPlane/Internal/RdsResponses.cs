using System.Xml.Linq;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>Reads RDS query responses into the model records; member names are those of the RDS 2014-10-31 model.</summary>
internal static class RdsResponses
{
    public static (IReadOnlyList<DbCluster> Clusters, string? Marker) DescribeDbClusters(string body)
    {
        var result = XmlMembers.Result(body, "DescribeDBClusters");
        return ([.. result.Items("DBClusters", "DBCluster").Select(Cluster)], result.Text("Marker"));
    }

    public static (IReadOnlyList<DbInstance> Instances, string? Marker) DescribeDbInstances(string body)
    {
        var result = XmlMembers.Result(body, "DescribeDBInstances");
        return ([.. result.Items("DBInstances", "DBInstance").Select(Instance)], result.Text("Marker"));
    }

    public static (IReadOnlyList<DbClusterEndpoint> Endpoints, string? Marker) DescribeDbClusterEndpoints(string body)
    {
        var result = XmlMembers.Result(body, "DescribeDBClusterEndpoints");
        // The model names this list's members DBClusterEndpointList (its locationName), not DBClusterEndpoint.
        return ([.. result.Items("DBClusterEndpoints", "DBClusterEndpointList").Select(Endpoint)], result.Text("Marker"));
    }

    public static DbClusterEndpoint ModifyDbClusterEndpoint(string body) => Endpoint(XmlMembers.Result(body, "ModifyDBClusterEndpoint"));

    private static DbCluster Cluster(XElement c) => new(
        c.Required("DBClusterIdentifier"),
        c.Required("Status"),
        c.Text("Endpoint"),
        c.Text("ReaderEndpoint"),
        c.Int("Port"),
        [.. c.Items("DBClusterMembers", "DBClusterMember").Select(m => new DbClusterMember(m.Required("DBInstanceIdentifier"), m.Bool("IsClusterWriter"), m.Int("PromotionTier")))],
        c.Tags(),
        c.HasAny("PendingModifiedValues"),
        c.Text("DBClusterArn"));

    private static DbInstance Instance(XElement i)
    {
        var endpoint = i.Child("Endpoint");
        return new DbInstance(
            i.Required("DBInstanceIdentifier"),
            i.Text("DBClusterIdentifier"),
            i.Required("DBInstanceStatus"),
            i.Text("DBInstanceClass"),
            i.Text("AvailabilityZone"),
            endpoint?.Text("Address"),
            endpoint?.Int("Port"),
            i.Time("InstanceCreateTime"),
            i.Text("DbiResourceId"),
            i.Int("PromotionTier"),
            i.HasAny("PendingModifiedValues"),
            i.Text("DBInstanceArn"));
    }

    private static DbClusterEndpoint Endpoint(XElement e) => new(
        e.Required("DBClusterEndpointIdentifier"),
        e.Text("DBClusterIdentifier"),
        e.Required("EndpointType"),
        e.Text("CustomEndpointType"),
        e.Text("Status") ?? "",
        e.Text("Endpoint"),
        [.. e.Items("StaticMembers").Select(m => m.Value)],
        [.. e.Items("ExcludedMembers").Select(m => m.Value)]);
}
