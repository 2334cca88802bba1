using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.Topology.Patroni;

namespace Resilience.LocalCluster.Internal.Status;

/// <summary>Observes a running stack: processes from pid files, roles from Patroni, routing from HAProxy, lag from the primary.</summary>
internal sealed class StatusCollector(ClusterEnvironment env)
{
    private static readonly HashSet<string> StartingStates = new(StringComparer.Ordinal)
    {
        "starting", "creating replica", "initializing new cluster", "running custom bootstrap script",
        "restarting", "stopping", "stopped", "rebuilding replica", "restarting after failure",
    };

    /// <summary>Collects the status; throws <see cref="LocalClusterException"/> when the stack has no state.</summary>
    public async Task<ClusterStatus> CollectAsync(CancellationToken ct)
    {
        var state = env.Store.TryLoad()
            ?? throw new LocalClusterException($"stack {env.Spec.StackName} is not running (no state in {env.Layout.Root}); start it with: up --stack {env.Spec.StackName}");
        var host = new MemberHost(env, state);
        var supervisor = PidFile.ReadAlive(env.Layout.SupervisorPid);
        var live = state.Members.Select(m => new LiveMember(m, host.Patroni(m), host.Probe(m), host.Postmaster(m))).ToList();

        var viewTask = PatroniViewAsync(live, ct);
        var serversTask = new HaproxyRuntime(env.Layout.HaproxySocket).ServersAsync(ct);
        var gateTasks = live.Select(l => GateOpenAsync(state, l, ct)).ToList();
        var view = await viewTask;
        var servers = await serversTask ?? [];
        var gates = await Task.WhenAll(gateTasks);

        PrimaryObservation? primary = null;
        if (view?.Leader is { IsRunning: true } leader && state.Find(leader.Name) is { Frozen: false } leaderRecord)
        {
            primary = await PrimaryQueries.ObserveAsync(env.Ports.ForSlot(leaderRecord.Slot).Postgres, env.Secrets.Superuser, pooling: true, ct);
        }

        var report = SupervisorReport.Read(env.Layout.SupervisorStatus);
        var members = new List<MemberStatus>();
        for (var i = 0; i < live.Count; i++)
        {
            members.Add(Describe(state, host, live[i], view, primary, servers, gates[i], report));
        }

        members = members.OrderBy(m => m.Role == MemberRole.Primary ? 0 : 1).ThenBy(m => m.CreatedAt).ToList();
        var groups = state.DesiredByGroup.Select(kv =>
        {
            var spec = env.Spec.FindGroup(kv.Key);
            var inGroup = members.Where(m => m.Group == kv.Key && m.State != MemberState.Lost).ToList();
            return new GroupStatus(kv.Key, kv.Value, spec?.Size.Min ?? 1, spec?.Size.Max ?? 1, inGroup.Count,
                inGroup.Count(m => m.Role == MemberRole.Replica && m.GateOpen && m.InReadEndpoint));
        }).ToList();

        var reasons = state.Stopped
            ? ["stopped (down --keep); start it with up"]
            : SteadyState.Reasons(supervisor is not null, members, groups);
        var failover = state.Stopped || members.Any(m => m.Role == MemberRole.Primary && m.State == MemberState.Running)
            ? null
            : await new FailoverObserver(env).AssessAsync(state, ct);
        return new ClusterStatus(
            env.Spec.StackName,
            env.Layout.Root,
            supervisor?.Pid,
            reasons.Count == 0,
            reasons,
            new EndpointAddress(LocalClusterConstants.Host, env.Ports.Write),
            new EndpointAddress(LocalClusterConstants.Host, env.Ports.Read),
            members,
            groups,
            AlarmLog.ReadStates(env.Layout.AlarmStates),
            Logs(state),
            env.Layout.AlarmLog,
            env.Layout.EventLog,
            state.GateSource,
            env.Time.GetUtcNow())
        {
            Failover = failover,
        };
    }

    /// <summary>Which members the endpoints route to now: one admin-socket call, cheap enough to poll at 20 Hz.</summary>
    public async Task<EndpointRouting> RoutingAsync(CancellationToken ct)
    {
        var state = env.Store.TryLoad();
        var servers = await new HaproxyRuntime(env.Layout.HaproxySocket).ServersAsync(ct) ?? [];
        string? NameOf(HaproxyServerState s) =>
            Config.HaproxyConfig.SlotOf(s.Server) is { } slot ? state?.Members.FirstOrDefault(m => m.Slot == slot)?.Name ?? s.Server : null;
        return new EndpointRouting(
            servers.Where(s => s.Backend == Config.HaproxyConfig.WriteBackend && s.IsRouting).Select(NameOf).OfType<string>().ToList(),
            servers.Where(s => s.Backend == Config.HaproxyConfig.ReadBackend && s.IsRouting).Select(NameOf).OfType<string>().ToList(),
            env.Time.GetUtcNow());
    }

    private MemberStatus Describe(
        ClusterState state,
        MemberHost host,
        LiveMember live,
        PatroniCluster? view,
        PrimaryObservation? primary,
        IReadOnlyList<HaproxyServerState> servers,
        bool gateOpen,
        SupervisorReport? report)
    {
        var m = live.Record;
        var p = view?.Find(m.Name);
        var lag = primary?.Replicas.FirstOrDefault(r => r.Member == m.Name);
        var server = Config.HaproxyConfig.ServerName(m.Slot);
        bool Routing(string backend) => servers.Any(s => s.Backend == backend && s.Server == server && s.IsRouting);

        MemberState memberState;
        if (m.Lost || (live.Patroni is null && !m.Frozen && !state.Stopped && !host.HasData(m)))
        {
            memberState = MemberState.Lost;
        }
        else if (m.Frozen)
        {
            memberState = MemberState.Frozen;
        }
        else if (live.Patroni is null)
        {
            memberState = state.Stopped ? MemberState.Stopped : MemberState.Unhealthy;
        }
        else if (p is null)
        {
            memberState = MemberState.Starting;
        }
        else if (p.IsRunning && (p.IsLeader || primary is null || lag is not null))
        {
            memberState = MemberState.Running;
        }
        else
        {
            memberState = p.IsRunning || StartingStates.Contains(p.State) ? MemberState.Starting : MemberState.Unhealthy;
        }

        var role = p is null ? MemberRole.Unknown
            : p.IsLeader ? MemberRole.Primary
            : p.IsRunning ? MemberRole.Replica
            : MemberRole.Unknown;
        var layout = env.Layout.Member(m.Name);
        return new MemberStatus(
            m.Name,
            m.Group,
            role,
            memberState,
            p?.State,
            p?.Timeline,
            role == MemberRole.Replica ? lag?.LagBytes ?? p?.LagBytes : null,
            role == MemberRole.Replica ? lag?.LagSeconds : null,
            lag?.SyncState is "sync" or "quorum" || p?.IsSynchronous == true,
            gateOpen,
            Routing(Config.HaproxyConfig.WriteBackend),
            Routing(Config.HaproxyConfig.ReadBackend),
            env.Ports.ForSlot(m.Slot),
            live.Patroni?.Pid,
            live.Postmaster,
            live.Probe?.Pid,
            report?.MemberCpuPercent.TryGetValue(m.Name, out var cpu) == true ? cpu : null,
            layout.DataDir,
            m.CreatedAt);
    }

    /// <summary>Patroni's view, from the members that answer; where views differ (a member just thawed), the majority's leader wins.</summary>
    internal async Task<PatroniCluster?> PatroniViewAsync(IReadOnlyList<LiveMember> live, CancellationToken ct)
    {
        var asks = live.Where(l => l.Patroni is not null && !l.Record.Frozen)
            .Select(l => PatroniClient.ClusterAsync(env.Ports.ForSlot(l.Record.Slot).Patroni, LocalClusterConstants.ProbeTimeout, ct))
            .ToList();
        var views = (await Task.WhenAll(asks)).OfType<PatroniCluster>().ToList();
        if (views.Count == 0)
        {
            return null;
        }

        var leader = views.Select(v => v.Leader?.Name).OfType<string>().GroupBy(n => n).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        return views.FirstOrDefault(v => v.Leader?.Name == leader) ?? views[0];
    }

    private async Task<bool> GateOpenAsync(ClusterState state, LiveMember live, CancellationToken ct)
    {
        if (live.Record.Frozen || live.Patroni is null)
        {
            return false;
        }

        var ports = env.Ports.ForSlot(live.Record.Slot);
        var answer = state.GateSource == LocalClusterConstants.GatePatroni
            ? await PatroniClient.GetAsync(ports.Patroni, LocalClusterConstants.PatroniReplicaCheck, LocalClusterConstants.ProbeTimeout, ct)
            : live.Probe is null ? null : await PatroniClient.GetAsync(ports.Probe, "/health/ready", LocalClusterConstants.ProbeTimeout, ct);
        return answer?.Status == 200;
    }

    private Dictionary<string, string> Logs(ClusterState state)
    {
        var logs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["supervisor"] = env.Layout.SupervisorLog,
            ["etcd"] = env.Layout.EtcdLog,
            ["haproxy"] = env.Layout.HaproxyLog,
        };
        foreach (var m in state.Members)
        {
            var layout = env.Layout.Member(m.Name);
            logs[$"{m.Name}/patroni"] = layout.PatroniLog;
            if (state.GateSource == LocalClusterConstants.GateHealthProbes)
            {
                logs[$"{m.Name}/healthprobes"] = layout.ProbeLog;
            }
        }

        return logs;
    }
}

/// <summary>A member with its live processes.</summary>
internal sealed record LiveMember(MemberRecord Record, ProcessHandle? Patroni, ProcessHandle? Probe, int? Postmaster);
