using Resilience.LocalCluster.Internal.Scaling;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Moves the desired count of each autoscaled group by the average CPU of its members (target tracking); <see cref="ReconcileJob"/> then follows.</summary>
internal sealed class AutoscalingJob(ClusterEnvironment env, EventLog events) : ISupervisorJob
{
    private readonly Dictionary<string, Autoscaler> _autoscalers = [];

    public string Name => "autoscaling";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        if (tick.Sample is not { } sample)
        {
            return;
        }

        var state = tick.State;
        foreach (var group in env.Spec.ReplicaGroups.Where(g => g.Autoscaling is not null))
        {
            if (MetricsSampler.GroupCpu(sample, state, group.Name, tick.Leader) is not { } cpu)
            {
                continue;
            }

            if (!_autoscalers.TryGetValue(group.Name, out var scaler))
            {
                scaler = new Autoscaler(group.Autoscaling!, floor: group.Size.Desired, max: group.Size.Max);
                _autoscalers[group.Name] = scaler;
            }

            var desired = state.DesiredByGroup.GetValueOrDefault(group.Name, group.Size.Desired);
            var step = scaler.Decide(cpu, desired, sample.At);
            if (step != 0)
            {
                await env.Store.UpdateAsync(s => s.DesiredByGroup[group.Name] = desired + step, ct);
                events.Record(step > 0 ? "scaled-out" : "scaled-in", null, group.Name,
                    $"average CPU {cpu:0.#}% vs target {group.Autoscaling!.TargetCpuPercent}%: desired {desired} -> {desired + step}");
            }
        }
    }
}
