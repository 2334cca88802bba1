namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Samples CPU, lag, connections and memory once per <c>MetricsInterval</c> for the alarm, autoscaling and report jobs.</summary>
internal sealed class MetricsJob(ClusterEnvironment env, MetricsSampler sampler) : ISupervisorJob
{
    private DateTimeOffset _next;

    public string Name => "metrics";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        var now = env.Time.GetUtcNow();
        if (now < _next)
        {
            return;
        }

        _next = now + LocalClusterConstants.MetricsInterval;
        tick.Sample = await sampler.SampleAsync(tick.State, tick.Leader, ct);
    }
}
