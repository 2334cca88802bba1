using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Internal;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.GateController;

/// <summary>Runs every cluster's gate on its own loop; a failing tick is logged in one line and the loop goes on (no crash loop).</summary>
internal sealed partial class GateControllerService(
    IReadOnlyList<ClusterGate> gates, IAsyncDisposable resources, GateControllerOptions options, MonotonicClock clock, ILogger<GateControllerService> log) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TimeSpan> _ticks = new(StringComparer.Ordinal);

    public IReadOnlyList<ClusterGate> Gates => gates;

    /// <summary>Every cluster's loop finished a tick lately (the liveness probe).</summary>
    public bool Live
    {
        get
        {
            var bound = (options.PollInterval * 5) + (options.ProbeTimeout * 2) + options.ControlPlaneInterval;
            var now = clock.Now;
            return gates.All(g => now - _ticks.GetValueOrDefault(g.Cluster, TimeSpan.Zero) < bound);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var gate in gates)
        {
            await gate.DisposeAsync().ConfigureAwait(false);
        }

        await resources.DisposeAsync().ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(gates.Select(g => Task.Run(() => LoopAsync(g, stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(ClusterGate gate, CancellationToken stop)
    {
        _ticks[gate.Cluster] = clock.Now;
        while (!stop.IsCancellationRequested)
        {
            var began = clock.Now;
            try
            {
                await gate.StepAsync(stop).ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTickFailed(gate.Cluster, Errors.OneLine(e));
            }

            _ticks[gate.Cluster] = clock.Now;
            var wait = options.PollInterval - (clock.Now - began);
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock.TimeProvider, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "{Cluster}: tick failed: {Problem}")]
    private partial void LogTickFailed(string cluster, string problem);
}
