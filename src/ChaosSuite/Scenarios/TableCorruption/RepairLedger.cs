using Resilience.ChaosSuite.Workload;

namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>What the ledger says of a repair.</summary>
/// <param name="AcknowledgedBeforeFault">Writes acknowledged before the bad statement started.</param>
/// <param name="LostBeforeFault">Of those, ids missing or wrong after the repair, ascending.</param>
/// <param name="PostFaultWrites">Writes acknowledged from the bad statement's start to the end of the repair.</param>
/// <param name="PostFaultLost">Of those, ids missing or wrong after the repair, ascending.</param>
/// <param name="CorruptedRows">Rows the bad statement hit.</param>
/// <param name="CorruptedRestored">Of those, rows right again after the repair.</param>
internal sealed record RepairJudgement(
    int AcknowledgedBeforeFault,
    IReadOnlyList<long> LostBeforeFault,
    int PostFaultWrites,
    IReadOnlyList<long> PostFaultLost,
    int CorruptedRows,
    int CorruptedRestored)
{
    /// <summary>Post-fault writes present and right after the repair.</summary>
    public int PostFaultKept => PostFaultWrites - PostFaultLost.Count;
}

/// <summary>
/// Judges a repair from the client's ledger alone: a row is right when it is present with the payload its id
/// implies (<see cref="LedgerPayload"/>), whatever the repairing tool reported.
/// </summary>
internal static class RepairLedger
{
    /// <summary>Judges <paramref name="rows"/> (the table after the repair) against <paramref name="acknowledged"/> (id, run second).</summary>
    /// <param name="acknowledged">Every acknowledged write with the run second of its acknowledgement.</param>
    /// <param name="faultAt">Run second the bad statement started.</param>
    /// <param name="repairedAt">Run second the repair committed.</param>
    /// <param name="corrupted">The ids the bad statement hit.</param>
    /// <param name="rows">Each id of the run in the table after the repair, with its payload.</param>
    public static RepairJudgement Judge(
        IEnumerable<KeyValuePair<long, double>> acknowledged, double faultAt, double repairedAt, IReadOnlyCollection<long> corrupted, IReadOnlyDictionary<long, string?> rows)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        ArgumentNullException.ThrowIfNull(corrupted);
        ArgumentNullException.ThrowIfNull(rows);
        bool Right(long id) => rows.TryGetValue(id, out var payload) && payload == LedgerPayload.Of(id);

        var before = new List<long>();
        var after = new List<long>();
        foreach (var (id, at) in acknowledged)
        {
            if (at < faultAt)
            {
                before.Add(id);
            }
            else if (at <= repairedAt)
            {
                after.Add(id);
            }
        }

        return new RepairJudgement(
            before.Count,
            [.. before.Where(id => !Right(id)).Order()],
            after.Count,
            [.. after.Where(id => !Right(id)).Order()],
            corrupted.Count,
            corrupted.Count(Right));
    }
}
