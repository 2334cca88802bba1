using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// Samples the alarm metrics: CPU of each member's whole process tree from /proc (percent of one core: a
/// local member is a one-vCPU instance), lag and connections from the primary, warm replicas from HAProxy.
/// </summary>
internal sealed class MetricsSampler(ClusterEnvironment env)
{
    private readonly Dictionary<string, (long Ticks, DateTimeOffset At)> _last = [];

    /// <summary>One sample of every metric that can be measured locally.</summary>
    public async Task<MetricsSample> SampleAsync(ClusterState state, string? leader, CancellationToken ct)
    {
        var now = env.Time.GetUtcNow();
        var host = new MemberHost(env, state);
        var table = ProcFs.All();
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in state.Members.Where(m => !m.Lost))
        {
            var ticks = host.CpuTicks(m, table);
            if (_last.TryGetValue(m.Name, out var prev) && now > prev.At)
            {
                // A process reaped by init (not by its parent in the tree) takes its ticks along: never negative.
                var seconds = Math.Max(0, ticks - prev.Ticks) / ProcFs.TicksPerSecond;
                cpu[m.Name] = 100.0 * seconds / (now - prev.At).TotalSeconds;
            }

            _last[m.Name] = (ticks, now);
        }

        foreach (var gone in _last.Keys.Except(state.Members.Select(m => m.Name)).ToList())
        {
            _last.Remove(gone);
        }

        PrimaryObservation? primary = null;
        if (leader is not null && state.Find(leader) is { Frozen: false } leaderRecord)
        {
            primary = await PrimaryQueries.ObserveAsync(env.Ports.ForSlot(leaderRecord.Slot).Postgres, env.Secrets.Superuser, pooling: true, ct);
        }

        var servers = await new HaproxyRuntime(env.Layout.HaproxySocket).ServersAsync(ct);
        var values = new Dictionary<AlarmMetric, double>();
        if (leader is not null && cpu.TryGetValue(leader, out var primaryCpu))
        {
            values[AlarmMetric.PrimaryCpuPercent] = primaryCpu;
        }

        var readers = cpu.Where(kv => kv.Key != leader).Select(kv => kv.Value).ToList();
        if (readers.Count > 0)
        {
            values[AlarmMetric.ReaderCpuPercent] = readers.Average();
        }

        if (primary is not null)
        {
            // The alarm's lag: the primary's pg_stat_replication.replay_lag, the worst replica (as CloudWatch's
            // AuroraReplicaLagMaximum). The warm-up gate uses another lag, each replica's own estimate
            // (HealthProbes' ReplayLagEstimator, GateInput.ReplayLagSeconds), because it must decide without the primary.
            values[AlarmMetric.ReplicaLagSeconds] = primary.Replicas.Count == 0 ? 0 : primary.Replicas.Max(r => r.LagSeconds);
            values[AlarmMetric.Connections] = primary.ClientConnections;
            values[AlarmMetric.DbLoad] = primary.ActiveSessions;
        }

        if (servers is not null)
        {
            values[AlarmMetric.HealthyWarmReplicas] = servers.Count(s => s.Backend == Config.HaproxyConfig.ReadBackend && s.IsRouting);
        }

        if (MemAvailableBytes() is { } free)
        {
            values[AlarmMetric.FreeableMemoryBytes] = free;
        }

        return new MetricsSample(now, values, cpu);
    }

    /// <summary>Average CPU of <paramref name="group"/>'s replicas, or null when it has none sampled.</summary>
    public static double? GroupCpu(MetricsSample sample, ClusterState state, string group, string? leader)
    {
        var values = state.Members
            .Where(m => m.Group == group && m.Name != leader && sample.MemberCpu.ContainsKey(m.Name))
            .Select(m => sample.MemberCpu[m.Name])
            .ToList();
        return values.Count == 0 ? null : values.Average();
    }

    private static double? MemAvailableBytes()
    {
        try
        {
            return ParseMemAvailableBytes(File.ReadLines("/proc/meminfo"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The <c>MemAvailable</c> line of <c>/proc/meminfo</c> lines in bytes; null when missing or not a count of kB.</summary>
    internal static double? ParseMemAvailableBytes(IEnumerable<string> meminfo)
    {
        const string key = "MemAvailable:";
        var line = meminfo.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var fields = line?[key.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields is [var kb, "kB"] && long.TryParse(kb, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value * 1024.0
            : null;
    }
}

/// <summary>One sample: metric values and CPU per member.</summary>
internal sealed record MetricsSample(DateTimeOffset At, IReadOnlyDictionary<AlarmMetric, double> Values, IReadOnlyDictionary<string, double> MemberCpu);
