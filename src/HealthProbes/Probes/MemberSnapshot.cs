using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Warmup;

namespace Resilience.HealthProbes.Probes;

/// <summary>Everything one observation of the member found, and the gate it led to.</summary>
/// <param name="ObservedAt">Monotonic instant the observation started.</param>
/// <param name="Duration">How long it took (the probe latency against the database).</param>
/// <param name="Sample">The database's answer; null when it did not answer.</param>
/// <param name="DatabaseProblem">Why there is no answer.</param>
/// <param name="Leader">The leader Patroni reports; null without <c>--patroni-url</c> or when unknown.</param>
/// <param name="LeaderCheck">Whether the member follows (or, as primary, is) that leader.</param>
/// <param name="LeaderDetail">The check's explanation.</param>
/// <param name="LagSeconds">Estimated replay lag.</param>
/// <param name="Warmup">The warm-up as the gate saw it.</param>
/// <param name="Gate">The gate after this observation.</param>
internal sealed record MemberSnapshot(
    TimeSpan ObservedAt,
    TimeSpan Duration,
    MemberSample? Sample,
    string? DatabaseProblem,
    LeaderView? Leader,
    LeaderCheck LeaderCheck,
    string? LeaderDetail,
    double? LagSeconds,
    WarmupView Warmup,
    GateState Gate)
{
    public MemberRole Role => Sample is null ? MemberRole.Unknown : Sample.InRecovery ? MemberRole.Replica : MemberRole.Primary;
}

/// <summary>The latest snapshot, shared by the probe loop (writer), the endpoints and the warm-up (readers).</summary>
internal sealed class MemberState
{
    private volatile MemberSnapshot? _latest;

    public MemberSnapshot? Latest => _latest;

    public void Publish(MemberSnapshot snapshot) => _latest = snapshot;
}
