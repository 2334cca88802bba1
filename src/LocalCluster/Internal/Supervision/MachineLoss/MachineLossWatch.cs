using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Resilience.LocalCluster.Internal.Supervision.MachineLoss;

/// <summary>
/// Looks for lost machines every <see cref="LocalClusterConstants.MachineLossWatchPeriod"/>, apart from the supervisor's
/// pass (whose other jobs, metrics and alarms among them, can take a second on a loaded machine): a lost synchronous
/// standby holds every commit until Patroni drops it, so finding it is worth a cheap look (a pid file and a folder per
/// member) twenty times a second. etcd and Patroni are only called when a member is lost.
/// </summary>
internal sealed class MachineLossWatch(ClusterEnvironment env, MachineLossReaction reaction, ILogger<MachineLossWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? lastError = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (env.Store.TryLoad() is { Stopped: false } state)
                {
                    await reaction.ReactAsync(state, stoppingToken);
                }

                lastError = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The watch must outlive any one failure (etcd restarting, a state file being replaced); it is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (e.Message != lastError)
                {
                    lastError = e.Message;
                    SupervisorLog.MachineLossWatchFailed(log, e.Message, e);
                }
            }

            try
            {
                await Task.Delay(LocalClusterConstants.MachineLossWatchPeriod, env.Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
