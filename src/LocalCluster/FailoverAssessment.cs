namespace Resilience.LocalCluster;

/// <summary>
/// Why no primary runs, as Patroni's own promotion rule sees it, and what promoting the best remaining
/// member by hand would lose. Present in <see cref="ClusterStatus.Failover"/> only while no member holds the
/// leader lock.
/// </summary>
/// <param name="SafeCandidateExists">True when a member Patroni may promote by itself remains (it holds every acknowledged write): the failover is under way.</param>
/// <param name="Reason">Why there is no primary, one line.</param>
/// <param name="BestCandidate">The remaining member that received the most WAL, or null when none remains.</param>
/// <param name="CandidateReceivedPosition">Its received WAL position (bytes, as Patroni reports it).</param>
/// <param name="LeaderLastPosition">The lost leader's last WAL position that Patroni recorded in etcd (the <c>/status</c> key's <c>optime</c>), when known.</param>
/// <param name="BytesBehind">How much WAL the best candidate lacks: a lower bound, the leader records its position once per loop.</param>
/// <param name="AcceptCommand">The one command that promotes the best candidate and accepts that loss, or null.</param>
public sealed record FailoverAssessment(
    bool SafeCandidateExists,
    string Reason,
    string? BestCandidate,
    long? CandidateReceivedPosition,
    long? LeaderLastPosition,
    long? BytesBehind,
    string? AcceptCommand)
{
    /// <summary>
    /// What promoting <paramref name="member"/> loses, one clause: its received position against the lost leader's
    /// last recorded one. A lower bound either way: the leader records its position once per loop.
    /// </summary>
    public static string DescribeLoss(string member, long? received, long? leaderLast)
    {
        var got = received is { } g ? FormatLsn(g) : "unknown";
        if (leaderLast is not { } last)
        {
            return $"{member} received {got}; the lost leader's last position is not in etcd, so the loss is unknown";
        }

        return received is { } r && r >= last
            ? $"{member} received {got}, at or past the lost leader's last recorded position {FormatLsn(last)} (etcd /status optime); writes the leader acknowledged after recording it may still be missing"
            : $"{member} received {got}, the lost leader's last recorded position is {FormatLsn(last)} (etcd /status optime): at least {last - (received ?? 0)} bytes of WAL missing, and writes acknowledged after that record may be missing too";
    }

    /// <summary>A WAL position in PostgreSQL's notation (<c>0/3000148</c>).</summary>
    public static string FormatLsn(long position) => $"{(ulong)position >> 32:X}/{(ulong)position & 0xFFFFFFFF:X}";
}
