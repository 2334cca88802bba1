namespace Resilience.ChaosSuite.Workload;

/// <summary>The ledger checked against the primary after recovery.</summary>
/// <param name="Acknowledged">Writes the client had acknowledged.</param>
/// <param name="Present">Rows of this run the primary holds.</param>
/// <param name="MissingIds">Acknowledged ids the primary does not hold: lost writes.</param>
/// <param name="CommittedUnacknowledged">Rows the primary holds whose acknowledgement the client never received.</param>
internal sealed record LedgerVerification(int Acknowledged, int Present, IReadOnlyList<long> MissingIds, int CommittedUnacknowledged)
{
    /// <summary>lostWrites.</summary>
    public int LostWrites => MissingIds.Count;
}
