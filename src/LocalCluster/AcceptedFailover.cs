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
        return $"{Member} promoted after {PromotedAfter.TotalSeconds:0.0} s. Accepted data loss: {FailoverAssessment.DescribeLoss(Member, ReceivedPosition, LeaderLastPosition)}. " +
               $"Why it was needed: {Reason}";
    }
}
