using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.Scaling;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Status;
using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// The long-running process that keeps a stack at its desired state: restarts etcd and HAProxy, replaces lost
/// members, restarts crashed ones in place, scales groups, evaluates alarms. Everything it knows is re-read
/// from the state directory each tick, so a killed supervisor started again simply converges.
/// </summary>
internal sealed class Supervisor
{
    private static readonly AlarmMetric[] MeasuredMetrics =
    [
        AlarmMetric.PrimaryCpuPercent, AlarmMetric.ReaderCpuPercent, AlarmMetric.ReplicaLagSeconds,
        AlarmMetric.HealthyWarmReplicas, AlarmMetric.Connections, AlarmMetric.DbLoad, AlarmMetric.FreeableMemoryBytes,
    ];

    private readonly ClusterEnvironment _env;
    private readonly Tools _tools;
    private readonly EventLog _events;
    private readonly InfraHost _infra;
    private readonly MetricsSampler _metrics;
    private readonly AlarmEvaluator _alarms;
    private readonly AlarmLog _alarmLog;
    private readonly WebhookNotifier _webhook;
    private readonly FailoverWatch _failoverWatch;
    private readonly Dictionary<string, Autoscaler> _autoscalers = [];
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> _restarts = [];
    private readonly HashSet<string> _notes = [];
    private readonly Dictionary<string, DateTimeOffset> _seenDead = [];
    private MetricsSample? _lastSample;
    private DateTimeOffset _nextMetrics;
    private string? _lastError;

    public Supervisor(ClusterEnvironment env, Tools tools, TextWriter log)
    {
        _env = env;
        _tools = tools;
        _events = new EventLog(env.Layout.EventLog, log, env.Time);
        _infra = new InfraHost(env, tools);
        _metrics = new MetricsSampler(env);
        _alarmLog = new AlarmLog(env.Layout.AlarmLog, env.Layout.AlarmStates);
        var previous = AlarmLog.ReadStates(env.Layout.AlarmStates).ToDictionary(a => a.Name, a => a.State);
        _alarms = new AlarmEvaluator(env.Spec.Alarms, env.Time.GetUtcNow(), previous);
        var webhook = env.Spec.Notifications.WebhookUrl;
        _webhook = new WebhookNotifier(webhook is { IsSecret: false } ? new Uri(webhook.Value) : null, log);
        _failoverWatch = new FailoverWatch(env, _alarmLog, _webhook, _events, previous.GetValueOrDefault(NoSafeCandidateAlarm.Name, AlarmState.Ok));
        if (webhook is { IsSecret: true })
        {
            _events.Info("notifications.webhookUrl is a Pulumi secret, which LocalCluster cannot decrypt: alarm changes go to the alarm log only");
        }

        foreach (var alarm in env.Spec.Alarms.Where(a => !MeasuredMetrics.Contains(a.Metric)))
        {
            _events.Info($"alarm {alarm.Name}: {AlarmEvaluator.MetricName(alarm.Metric)} is not measured locally; it stays insufficientData");
        }
    }

    /// <summary>Runs until cancelled (SIGTERM from <c>down</c>) or until the state directory is gone.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (PidFile.ReadAlive(_env.Layout.SupervisorPid) is { } other && other.Pid != Environment.ProcessId)
        {
            _events.Info($"another supervisor (pid {other.Pid}) runs this stack; exiting");
            return 1;
        }

        PidFile.Write(_env.Layout.SupervisorPid, ProcessHandle.Of(Environment.ProcessId)!);
        _events.Record("supervisor-started", null, null, $"pid {Environment.ProcessId}, stack {_env.Spec.StackName}");
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await TickAsync(ct))
                {
                    _events.Info("the stack's state is gone (down); exiting");
                    return 0;
                }

                _lastError = null;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is LocalClusterException or IOException or InvalidOperationException or UnauthorizedAccessException or HttpRequestException)
            {
                if (e.Message != _lastError)
                {
                    _events.Info($"error (retrying every tick): {e.Message}");
                    _lastError = e.Message;
                }
            }

            try
            {
                await Task.Delay(LocalClusterConstants.SupervisorTick, _env.Time, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _events.Record("supervisor-stopped", null, null, "asked to stop; the cluster keeps running until down");
        return 0;
    }

    /// <summary>One pass over the whole stack; false when the state is gone.</summary>
    private async Task<bool> TickAsync(CancellationToken ct)
    {
        var state = _env.Store.TryLoad();
        if (state is null)
        {
            return false;
        }

        if (state.Stopped)
        {
            return true;
        }

        _notes.Clear();
        await EnsureInfrastructureAsync(state, ct);
        await HealMembersAsync(state, ct);

        state = _env.Store.TryLoad()!;
        var host = new MemberHost(_env, state);
        var live = state.Members.Select(m => new LiveMember(m, host.Patroni(m), host.Probe(m), null)).ToList();
        var view = await new StatusCollector(_env).PatroniViewAsync(live, ct);
        var leader = view?.Leader is { IsRunning: true } l ? l.Name : null;
        foreach (var m in state.Members.Where(m => view?.Find(m.Name)?.IsRunning == true))
        {
            _restarts.Remove(m.Name);
        }

        await ReconcileAsync(state, leader, ct);
        await _failoverWatch.TickAsync(state, leader, ct);
        await ObserveAsync(state, leader, ct);
        return true;
    }

    private async Task EnsureInfrastructureAsync(ClusterState state, CancellationToken ct)
    {
        if (_infra.Etcd is null)
        {
            var etcd = await _infra.StartEtcdAsync(ct);
            _events.Record("etcd-started", null, null, $"pid {etcd.Pid}, 127.0.0.1:{_env.Ports.EtcdClient}");
        }

        if (_infra.Haproxy is null)
        {
            var haproxy = await _infra.StartHaproxyAsync(state, ct);
            _events.Record("haproxy-started", null, null, $"pid {haproxy.Pid}, write 127.0.0.1:{_env.Ports.Write}, read 127.0.0.1:{_env.Ports.Read}");
        }
    }

    /// <summary>Lost members are removed; members whose Patroni or probe died (data intact) are started again in place.</summary>
    private async Task HealMembersAsync(ClusterState state, CancellationToken ct)
    {
        var host = new MemberHost(_env, state);
        foreach (var m in state.Members.Where(m => !m.Removing).ToList())
        {
            var patroni = host.Patroni(m);
            if (m.Lost || (patroni is null && !m.Frozen && !host.HasData(m)))
            {
                await RemoveAsync(state, m, lost: true, ct);
                continue;
            }

            if (m.Frozen)
            {
                continue;
            }

            if (patroni is not null)
            {
                _seenDead.Remove(m.Name);
            }
            else if (!_seenDead.ContainsKey(m.Name))
            {
                _seenDead[m.Name] = _env.Time.GetUtcNow();
            }

            // A crash (data intact) restarts in place, but only after a grace: a machine being lost has
            // its processes gone a moment before its data directory.
            if (patroni is null && _env.Time.GetUtcNow() - _seenDead[m.Name] >= LocalClusterConstants.RestartGrace && MayRestart(m.Name))
            {
                host.Prepare(m);
                var started = host.StartPatroni(m, _tools.Patroni);
                _events.Record("member-restarted", m.Name, m.Group, $"Patroni was not running; started again on its data directory (pid {started.Pid})");
            }

            if (patroni is not null && state.GateSource == LocalClusterConstants.GateHealthProbes && host.Probe(m) is null && MayRestart("probe:" + m.Name))
            {
                var probe = host.StartProbe(m, _tools.Dotnet);
                _events.Record("probe-started", m.Name, m.Group, $"HealthProbes pid {probe?.Pid}");
            }
        }
    }

    private bool MayRestart(string key)
    {
        var now = _env.Time.GetUtcNow();
        var (failures, notBefore) = _restarts.GetValueOrDefault(key);
        if (now < notBefore)
        {
            return false;
        }

        _restarts[key] = (failures + 1, now + TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures))));
        return true;
    }

    /// <summary>Brings every group to its desired count: creates members (only while a primary runs, except the first), removes extras.</summary>
    private async Task ReconcileAsync(ClusterState state, string? leader, CancellationToken ct)
    {
        var groups = state.DesiredByGroup.OrderBy(kv => kv.Key == LocalClusterConstants.PrimaryGroup ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal);
        foreach (var (group, desired) in groups)
        {
            var active = state.Members.Where(m => m.Group == group && !m.Lost && !m.Removing).ToList();
            if (active.Count < desired)
            {
                var bootstrap = state.Members.Count == 0 && state.NextMemberNumber == 1;
                if (!bootstrap && leader is null)
                {
                    _notes.Add(state.Members.Count == 0
                        ? "every member is lost and none has data: the cluster cannot recover; run down, then up"
                        : $"group {group} has {active.Count} of {desired}: waiting for a running primary to copy from");
                    continue;
                }

                for (var i = active.Count; i < desired; i++)
                {
                    await CreateMemberAsync(group, bootstrap, ct);
                    if (bootstrap)
                    {
                        break; // the others copy from it once it leads
                    }
                }

                state = _env.Store.TryLoad()!;
            }
            else if (active.Count > desired)
            {
                var victim = active.Where(m => m.Name != leader && !m.Frozen).OrderByDescending(m => m.CreatedAt).FirstOrDefault();
                if (victim is not null)
                {
                    await RemoveAsync(state, victim, lost: false, ct);
                    state = _env.Store.TryLoad()!;
                }
            }
        }
    }

    private async Task CreateMemberAsync(string group, bool bootstrap, CancellationToken ct)
    {
        var now = _env.Time.GetUtcNow();
        var member = await _env.Store.UpdateAsync(s =>
        {
            var used = s.Members.Select(m => m.Slot).ToHashSet();
            var slot = _env.Ports.NextFreeSlot(s.LastSlot, used, SlotPortsFree)
                ?? throw new LocalClusterException($"no free member slot among {_env.Ports.SlotCount} (ports {_env.Ports.PortBase}-{_env.Ports.LastPort})");
            var record = new MemberRecord { Name = $"{group}-{s.NextMemberNumber}", Group = group, Slot = slot, CreatedAt = now, Bootstrap = bootstrap };
            s.NextMemberNumber++;
            s.LastSlot = slot;
            s.Members.Add(record);
            return record;
        }, ct);

        var state = _env.Store.TryLoad()!;
        var host = new MemberHost(_env, state);
        await ForceDownAsync(member.Slot, ct);
        host.Prepare(member);
        var patroni = host.StartPatroni(member, _tools.Patroni);
        var probe = host.StartProbe(member, _tools.Dotnet);
        var ports = _env.Ports.ForSlot(member.Slot);
        _events.Record("member-created", member.Name, group,
            $"{(bootstrap ? "bootstraps the cluster" : "copies from the primary")}; postgres {ports.Postgres}, patroni {ports.Patroni}, probe {ports.Probe}; patroni pid {patroni.Pid}{(probe is null ? "" : $", probe pid {probe.Pid}")}");
    }

    private bool SlotPortsFree(int slot) => _env.Ports.SlotPortPurposes(slot).All(p => PortAvailability.IsFree(p.Port));

    /// <summary>Takes a member out: out of both endpoints first, then its processes, Patroni's view, its files, the state.</summary>
    private async Task RemoveAsync(ClusterState state, MemberRecord m, bool lost, CancellationToken ct)
    {
        var host = new MemberHost(_env, state);
        if (lost)
        {
            _events.Record("member-lost", m.Name, m.Group, m.Lost ? "killed (machine loss)" : "its processes and data directory are gone");
        }
        else
        {
            await _env.Store.UpdateAsync(s => s.Find(m.Name)!.Removing = true, ct);
            _events.Record("member-removing", m.Name, m.Group, $"group {m.Group} is above its desired count");
        }

        await ForceDownAsync(m.Slot, ct);
        if (lost)
        {
            host.Kill(m);

            // The machine is gone (its processes are dead), so its leader lock protects nothing: release it
            // at once, as Aurora promotes on instance loss, instead of letting writes wait for the lock's ttl.
            // Compare-and-delete: a lock another member already holds is left alone. A hung (frozen) member
            // is not lost and keeps Patroni's ttl-based detection.
            if (state.FastFailoverOnMachineLoss && await EtcdClient.DeleteIfValueAsync(_env.Ports.EtcdClient, EtcdClient.LeaderKey(state.Scope), m.Name, ct))
            {
                _events.Record("leader-released", m.Name, m.Group, "the lost primary's leader lock was released so the synchronous standby takes over now");
            }
        }
        else
        {
            await host.StopAsync(m, TimeSpan.FromSeconds(15), ct);
        }

        await EtcdClient.DeleteAsync(_env.Ports.EtcdClient, EtcdClient.MemberKey(state.Scope, m.Name), ct);
        host.DeleteFiles(m);
        await _env.Store.UpdateAsync(s => s.Members.RemoveAll(x => x.Name == m.Name), ct);
        _restarts.Remove(m.Name);
        _restarts.Remove("probe:" + m.Name);
        _seenDead.Remove(m.Name);
        _events.Record("member-removed", m.Name, m.Group, "out of HAProxy, Patroni's view and the disk");
    }

    private async Task ForceDownAsync(int slot, CancellationToken ct)
    {
        var runtime = _infra.Runtime;
        var server = HaproxyConfig.ServerName(slot);
        await runtime.ForceDownAsync(HaproxyConfig.ReadBackend, server, ct);
        await runtime.ForceDownAsync(HaproxyConfig.WriteBackend, server, ct);
    }

    /// <summary>Samples metrics (each second), evaluates alarms (each tick), autoscales, and writes the report.</summary>
    private async Task ObserveAsync(ClusterState state, string? leader, CancellationToken ct)
    {
        var now = _env.Time.GetUtcNow();
        if (now >= _nextMetrics)
        {
            _nextMetrics = now + LocalClusterConstants.MetricsInterval;
            _lastSample = await _metrics.SampleAsync(state, leader, ct);
            if (!state.AlarmsArmed && leader is not null
                && _lastSample.Values.GetValueOrDefault(AlarmMetric.HealthyWarmReplicas) >= state.DesiredByGroup.Values.Sum() - 1)
            {
                await _env.Store.UpdateAsync(s => s.AlarmsArmed = true, ct);
                state.AlarmsArmed = true;
                _events.Record("alarms-armed", null, null, "the stack reached its desired state once; alarms are evaluated from now on");
            }

            if (state.AlarmsArmed)
            {
                foreach (var (metric, value) in _lastSample.Values)
                {
                    _alarms.Record(metric, value, _lastSample.At);
                }
            }

            await AutoscaleAsync(state, leader, _lastSample, ct);
            new SupervisorReport(now, _lastSample.MemberCpu, _notes.ToList()).Write(_env.Layout.SupervisorStatus);
            _alarmLog.WriteStates([.. _alarms.States, _failoverWatch.Status]);
        }

        var transitions = _alarms.Evaluate(_env.Time.GetUtcNow());
        if (transitions.Count > 0)
        {
            _alarmLog.Append(transitions);
            _alarmLog.WriteStates([.. _alarms.States, _failoverWatch.Status]);
            foreach (var t in transitions)
            {
                _events.Info($"alarm {t.Alarm}: {t.From} -> {t.To} ({t.Reason})");
            }

            await _webhook.NotifyAsync(transitions, ct);
        }
    }

    private async Task AutoscaleAsync(ClusterState state, string? leader, MetricsSample sample, CancellationToken ct)
    {
        foreach (var group in _env.Spec.ReplicaGroups.Where(g => g.Autoscaling is not null))
        {
            if (MetricsSampler.GroupCpu(sample, state, group.Name, leader) is not { } cpu)
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
                await _env.Store.UpdateAsync(s => s.DesiredByGroup[group.Name] = desired + step, ct);
                _events.Record(step > 0 ? "scaled-out" : "scaled-in", null, group.Name,
                    $"average CPU {cpu:0.#}% vs target {group.Autoscaling!.TargetCpuPercent}%: desired {desired} -> {desired + step}");
            }
        }
    }
}
