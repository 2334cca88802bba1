using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Internal;

namespace Resilience.HealthProbes.Probes;

/// <summary>One endpoint's answer: 200 when <paramref name="Ok"/>, else 503, with the reason.</summary>
internal readonly record struct ProbeAnswer(bool Ok, string Reason);

/// <summary>The answers of <c>/health/live</c>, <c>/health/primary</c> and <c>/health/ready</c> from the latest snapshot.</summary>
/// <remarks>
/// No observation completed within the probe timeout means the database has not answered within it (a hung server holds
/// the probe loop until its timeout): every probe then fails, so a hang gives 503 within the timeout, never a hang.
/// </remarks>
internal static class ProbeAnswers
{
    public static ProbeAnswer Live(MemberSnapshot? snapshot, TimeSpan now, TimeSpan timeout) =>
        Stale(snapshot, now, timeout) is { } stale ? new(false, stale)
        : snapshot!.Sample is null ? new(false, $"database not answering: {snapshot.DatabaseProblem}")
        : new(true, "accepting connections");

    public static ProbeAnswer Primary(MemberSnapshot? snapshot, TimeSpan now, TimeSpan timeout)
    {
        if (Stale(snapshot, now, timeout) is { } stale)
        {
            return new(false, stale);
        }

        return snapshot!.Sample switch
        {
            null => new(false, $"database not answering: {snapshot.DatabaseProblem}"),
            { InRecovery: true } => new(false, "replica: in recovery"),
            _ => snapshot.LeaderCheck switch
            {
                LeaderCheck.Mismatch => new(false, snapshot.LeaderDetail ?? "not the leader"),
                LeaderCheck.Unknown => new(false, $"cannot confirm leadership: {snapshot.LeaderDetail}"),
                LeaderCheck.Matches => new(true, $"writable primary; {snapshot.LeaderDetail}"),
                _ => new(true, "writable primary"),
            },
        };
    }

    public static ProbeAnswer Ready(MemberSnapshot? snapshot, TimeSpan now, TimeSpan timeout) =>
        Stale(snapshot, now, timeout) is { } stale ? new(false, stale) : new(snapshot!.Gate.Open, snapshot.Gate.Reason);

    private static string? Stale(MemberSnapshot? snapshot, TimeSpan now, TimeSpan timeout)
    {
        if (snapshot is null)
        {
            return "starting: no observation yet";
        }

        var age = now - (snapshot.ObservedAt + snapshot.Duration);
        return age > timeout
            ? $"database not answering: no observation completed for {Text.Seconds(age.TotalSeconds)} s (timeout {timeout.TotalMilliseconds:0} ms)"
            : null;
    }
}
