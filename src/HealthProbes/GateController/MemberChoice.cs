namespace Resilience.HealthProbes.GateController;

/// <summary>One reader as the member choice sees it.</summary>
internal sealed record ReaderVerdict(string Id, bool Open, bool Serving, double? LagSeconds, string Reason);

/// <summary>Which readers the warm read endpoint routes to: the one home of the rule, for every platform.</summary>
/// <remarks>
/// The readers whose gate is open. When none is, the endpoint is not emptied (an Aurora custom endpoint with no
/// static member would route to every reader, cold ones too; an empty Service refuses every read): it keeps the
/// least-lagged reader that answers as a replica, and the alarm on the published count (0) says so. When no reader
/// even answers, the members stay as they are.
/// </remarks>
internal static class MemberChoice
{
    /// <summary>The members, and why a fallback was taken (null when every member is warm).</summary>
    public static (IReadOnlyList<string> Members, string? Fallback) Choose(IReadOnlyList<ReaderVerdict> readers, IReadOnlyList<string> current)
    {
        var open = readers.Where(r => r.Open).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        if (open.Count > 0)
        {
            return (open, null);
        }

        var best = readers.Where(r => r.Serving)
            .OrderBy(r => r.LagSeconds ?? double.MaxValue)
            .ThenBy(r => current.Contains(r.Id) ? 0 : 1)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best is not null)
        {
            return ([best.Id], $"no reader is warm: keeping the least-lagged serving reader {best.Id} ({best.Reason})");
        }

        return current.Count > 0
            ? ([.. current.Order(StringComparer.Ordinal)], "no reader answers: the members are left as they are")
            : ([], "no reader answers and the endpoint has no member");
    }
}
