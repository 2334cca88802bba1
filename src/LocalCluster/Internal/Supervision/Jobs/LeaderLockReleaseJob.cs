using Resilience.LocalCluster.Internal.Supervision.MachineLoss;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>
/// The supervisor tick's share of the machine-loss reaction (<see cref="MachineLossReaction"/>: a lost primary's leader
/// lock released at once, as Aurora promotes on instance loss, and Patroni woken). <see cref="MachineLossWatch"/> usually
/// reacts first; this job runs before <see cref="HealJob"/> so a loss is never forgotten before it was reacted to.
/// </summary>
internal sealed class LeaderLockReleaseJob(MachineLossReaction reaction) : ISupervisorJob
{
    public string Name => "leader-lock-release";

    public Task RunAsync(SupervisorTick tick, CancellationToken ct) => reaction.ReactAsync(tick.State, ct);
}
