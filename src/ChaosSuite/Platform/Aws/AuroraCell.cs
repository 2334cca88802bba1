namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>What the chaos suite needs to know about one cell's Aurora cluster, found once per run.</summary>
/// <param name="Cell">The cell's name in the spec.</param>
/// <param name="ClusterIdentifier">The cluster (<c>&lt;stack&gt;-&lt;cell&gt;</c>).</param>
/// <param name="WriterEndpoint">The cluster (writer) endpoint's DNS name.</param>
/// <param name="ReadEndpoint">The warm-readers custom endpoint's DNS name.</param>
/// <param name="ReadEndpointIdentifier">The warm-readers custom endpoint's identifier.</param>
/// <param name="Port">The port of every endpoint.</param>
/// <param name="PrimaryFailureTemplate">The writer-failover FIS template.</param>
/// <param name="ReplicaFailureTemplate">The reader-reboot FIS template.</param>
/// <param name="ReplicaFailureTargets">The instance ARNs the reader-reboot template may reboot.</param>
/// <param name="AlarmNames">The cell's CloudWatch alarm names, by the spec's alarm name.</param>
internal sealed record AuroraCell(
    string Cell,
    string ClusterIdentifier,
    string WriterEndpoint,
    string ReadEndpoint,
    string ReadEndpointIdentifier,
    int Port,
    string PrimaryFailureTemplate,
    string ReplicaFailureTemplate,
    IReadOnlyList<string> ReplicaFailureTargets,
    IReadOnlyDictionary<string, string> AlarmNames)
{
    /// <summary>The template that fails <paramref name="instanceArn"/>'s role.</summary>
    public bool CanRebootReader(string instanceArn) => ReplicaFailureTargets.Contains(instanceArn, StringComparer.Ordinal);
}
