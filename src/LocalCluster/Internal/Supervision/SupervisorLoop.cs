using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// The supervisor's loop: every tick, loads the state and runs each job in registration order. Surviving is
/// its only job: any exception is logged and backed off (per job, so a failing webhook does not stop healing);
/// only cancellation (SIGTERM from <c>down</c>) or the state directory being gone ends it.
/// </summary>
internal sealed class SupervisorLoop(
    ClusterEnvironment env, IEnumerable<ISupervisorJob> jobs, EventLog events, IHostApplicationLifetime lifetime, ILogger<SupervisorLoop> log)
    : BackgroundService
{
    private readonly IReadOnlyList<JobBackoff> _jobs = jobs.Select(j => new JobBackoff(j)).ToList();
    private readonly JobBackoff _pass = new(null);

    /// <summary>The exit code once the loop ended: 0 stopped or state gone.</summary>
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        events.Record("supervisor-started", null, null, $"pid {Environment.ProcessId}, stack {env.Spec.StackName}");
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = LocalClusterConstants.SupervisorTick;
            try
            {
                if (!await PassAsync(stoppingToken))
                {
                    SupervisorLog.StateGone(log);
                    break;
                }

                _pass.Succeeded(log);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                delay = _pass.Failed(e, env.Time.GetUtcNow(), log);
            }

            try
            {
                await Task.Delay(delay, env.Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (stoppingToken.IsCancellationRequested)
        {
            events.Record("supervisor-stopped", null, null, "asked to stop; the cluster keeps running until down");
        }

        lifetime.StopApplication();
    }

    /// <summary>One pass over the whole stack; false when the state is gone.</summary>
    private async Task<bool> PassAsync(CancellationToken ct)
    {
        var state = env.Store.TryLoad();
        if (state is null)
        {
            return false;
        }

        if (state.Stopped)
        {
            return true;
        }

        var now = env.Time.GetUtcNow();
        var tick = new SupervisorTick(env, state, now);
        foreach (var job in _jobs)
        {
            if (now < job.NotBefore)
            {
                continue;
            }

            try
            {
                await job.Job!.RunAsync(tick, ct);
                job.Succeeded(log);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                job.Failed(e, env.Time.GetUtcNow(), log);
            }
        }

        return true;
    }

    /// <summary>Consecutive failures of one job (or of the pass itself, <c>Job</c> null) and when to try it again.</summary>
    private sealed class JobBackoff(ISupervisorJob? job)
    {
        /// <summary>The longest a failing job waits: short, since heal and reconcile failing means a game-day is waiting.</summary>
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

        private int _failures;
        private string? _lastError;

        public ISupervisorJob? Job => job;

        public DateTimeOffset NotBefore { get; private set; }

        /// <summary>Counts a failure; logs it when its message is new; returns the wait before the next try (a tick, doubling to 5 s).</summary>
        public TimeSpan Failed(Exception e, DateTimeOffset now, ILogger log)
        {
            _failures++;
            var ticks = Math.Min(MaxBackoff.Ticks, LocalClusterConstants.SupervisorTick.Ticks << Math.Min(_failures - 1, 10));
            var retryIn = TimeSpan.FromTicks(ticks);
            NotBefore = now + retryIn;
            if (e.Message != _lastError)
            {
                _lastError = e.Message;
                if (job is null)
                {
                    SupervisorLog.PassFailed(log, _failures, retryIn, e.Message, e);
                }
                else
                {
                    SupervisorLog.JobFailed(log, job.Name, _failures, retryIn, e.Message, e);
                }
            }

            return retryIn;
        }

        public void Succeeded(ILogger log)
        {
            if (_failures > 0 && job is not null)
            {
                SupervisorLog.JobRecovered(log, job.Name, _failures);
            }

            _failures = 0;
            _lastError = null;
            NotBefore = default;
        }
    }
}
