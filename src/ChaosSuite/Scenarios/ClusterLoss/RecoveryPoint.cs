namespace Resilience.ChaosSuite.Scenarios.ClusterLoss;

/// <summary>The acknowledged writes a restore lost, and the span of time they cover.</summary>
/// <param name="AcknowledgedBeforeFault">Writes acknowledged before the loss was complete.</param>
/// <param name="Lost">Of those, the ids missing from the restored stack, ascending.</param>
/// <param name="Seconds">From the acknowledgement of the oldest lost write to that of the newest; 0 when none was lost.</param>
internal sealed record RecoveryPointLoss(int AcknowledgedBeforeFault, IReadOnlyList<long> Lost, double Seconds);

/// <summary>The recovery point of a restore, from the client's ledger alone.</summary>
internal static class RecoveryPoint
{
    /// <summary>Judges <paramref name="present"/> (the ids the restored stack holds) against the writes acknowledged before <paramref name="faultAt"/>.</summary>
    public static RecoveryPointLoss Measure(IEnumerable<KeyValuePair<long, double>> acknowledged, double faultAt, IReadOnlySet<long> present)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        ArgumentNullException.ThrowIfNull(present);
        var before = acknowledged.Where(e => e.Value < faultAt).ToList();
        var lost = before.Where(e => !present.Contains(e.Key)).ToList();
        var seconds = lost.Count == 0 ? 0 : lost.Max(e => e.Value) - lost.Min(e => e.Value);
        return new RecoveryPointLoss(before.Count, [.. lost.Select(e => e.Key).Order()], seconds);
    }
}
