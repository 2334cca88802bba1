namespace Resilience.LocalCluster;

/// <summary>What <see cref="LocalClusterController.FailoverAsync"/> did and the loss it accepted.</summary>
/// <param name="Member">The member promoted.</param>
/// <param name="ReceivedPosition">The most WAL it had (received or replayed) when it was promoted.</param>
/// <param name="LeaderLastPosition">The lost leader's last WAL position recorded in etcd, when known.</param>
/// <param name="BytesLost">WAL between the two, at least: acknowledged writes in it are gone.</param>
/// <param name="Reason">Why no primary was promoted by Patroni.</param>
/// <param name="PromotedAfter">From the request to the member running as primary.</param>
public sealed record AcceptedFailover(string Member, long? ReceivedPosition, long? LeaderLastPosition, long? BytesLost, string Reason, TimeSpan PromotedAfter)
{
    /// <summary>The report line: what was promoted and what was accepted.</summary>
    public string Describe()
    {
        var got = ReceivedPosition is { } g ? FailoverAssessment.FormatLsn(g) : "unknown";
        var last = LeaderLastPosition is { } l ? FailoverAssessment.FormatLsn(l) : "unknown";
        var lost = BytesLost is { } b ? $"at least {b} bytes of WAL" : "an unknown amount of WAL (the leader's last position is not in etcd)";
        return $"{Member} promoted after {PromotedAfter.TotalSeconds:0.0} s. Accepted data loss: {lost} between {Member}'s received position {got} and the lost leader's last recorded position {last}; " +
               "acknowledged writes in that range are gone (the leader records its position once per loop, so the real loss can be larger). " +
               $"Why it was needed: {Reason}";
    }
}
