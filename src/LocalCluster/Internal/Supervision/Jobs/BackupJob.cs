using Resilience.LocalCluster.Internal.Backup;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Takes the stack's full backups: the first once it is steady, then on the spec's schedule and after every change of primary (see <see cref="BackupRule"/>).</summary>
internal sealed class BackupJob(ClusterEnvironment env, EventLog events) : ISupervisorJob
{
    private readonly BackupScheduler _scheduler = new(env, events);

    public string Name => "backup";

    public Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        if (tick.State.AutomaticBackups)
        {
            _scheduler.Tick(tick.State, tick.Leader, ct);
        }

        return Task.CompletedTask;
    }
}
