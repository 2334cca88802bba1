namespace Resilience.LocalCluster;

/// <summary>What <see cref="LocalClusterController.SwitchoverAsync"/> did.</summary>
/// <param name="From">The primary that handed over (it keeps running, as a replica).</param>
/// <param name="To">The synchronous standby that took over.</param>
/// <param name="PromotedAfter">From the request to the new primary running.</param>
public sealed record CompletedSwitchover(string From, string To, TimeSpan PromotedAfter)
{
    /// <summary>The line the CLI prints.</summary>
    public string Describe() =>
        FormattableString.Invariant($"switched over from {From} to {To} in {PromotedAfter.TotalSeconds:0.0} s; {From} now follows as a replica");
}
