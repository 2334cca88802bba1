using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>What the jobs of one supervisor pass tell each other: the state, the leader, the newest metrics, notes for status.</summary>
internal sealed class SupervisorTick(ClusterEnvironment env, ClusterState state, DateTimeOffset startedAt)
{
    /// <summary>The state as last loaded; call <see cref="Reload"/> after changing it.</summary>
    public ClusterState State { get; private set; } = state;

    /// <summary>When this pass started.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The running Patroni leader, set by <see cref="Jobs.ClusterViewJob"/>; null when none runs (or it is not known yet).</summary>
    public string? Leader { get; set; }

    /// <summary>A metrics sample taken during this pass; null on passes that do not sample (see <c>MetricsInterval</c>).</summary>
    public MetricsSample? Sample { get; set; }

    /// <summary>Alarm state changes found during this pass (for the webhook).</summary>
    public List<AlarmTransition> Transitions { get; } = [];

    /// <summary>Why the stack is not converging (for <c>status</c>), written by the report job.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Reads the state again after a job changed it; keeps the old copy if the state vanished meanwhile.</summary>
    public ClusterState Reload() => State = env.Store.TryLoad() ?? State;
}
