using System.Globalization;

namespace Resilience.ChaosSuite.Workload;

/// <summary>
/// The value each ledger write stores beside its id. The client knows it from the id alone, so after a repair
/// the ledger, not the repairing tool, decides whether a row is right.
/// </summary>
internal static class LedgerPayload
{
    /// <summary>The payload of write <paramref name="id"/>.</summary>
    public static string Of(long id) => string.Create(CultureInfo.InvariantCulture, $"appointment {id}");
}
