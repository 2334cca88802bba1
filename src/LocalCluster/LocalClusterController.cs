using Resilience.Topology.Options;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.LocalCluster.Internal.Lifecycle;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Status;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Internal;
using Resilience.Topology.Time;
using Resilience.Topology;

namespace Resilience.LocalCluster;

/// <summary>
/// Starts, observes, injures and stops the local realization of a stack: PostgreSQL + Patroni per member,
/// one etcd, HAProxy as the write and read endpoints, HealthProbes as the read gate, and a supervisor
/// process that heals and scales. Every method works from the state directory, so several controllers (or
/// CLI invocations) can act on the same running stack.
/// </summary>
public sealed partial class LocalClusterController
{
    private readonly ClusterEnvironment _env;
    private readonly LocalClusterOptions _options;
    private readonly string _repoRoot;
    private readonly string _stackFile;

    private LocalClusterController(ClusterEnvironment env, LocalClusterOptions options, string repoRoot, string stackFile)
    {
        _env = env;
        _options = options;
        _repoRoot = repoRoot;
        _stackFile = stackFile;
    }

    /// <summary>A controller for <paramref name="spec"/>; starts nothing.</summary>
    /// <exception cref="LocalClusterException">An option is out of range, the stack is not a local one, or its ports do not fit.</exception>
    public static LocalClusterController Create(StackSpec spec, LocalClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            OptionsValidator.Validate(options);
        }
        catch (OptionsValidationException e)
        {
            throw new LocalClusterException(e.Message, LocalClusterException.BadInput);
        }

        if (spec.Platform != Platform.Local)
        {
            throw new LocalClusterException(
                $"stack {spec.StackName} has resilience:platform {spec.Platform.ToString().ToLowerInvariant()}; LocalCluster runs only platform local stacks",
                LocalClusterException.BadInput);
        }

        if (spec.ReplicaGroups.Any(g => g.Name == LocalClusterConstants.PrimaryGroup))
        {
            throw new LocalClusterException(
                $"stack {spec.StackName}: a replica group may not be named '{LocalClusterConstants.PrimaryGroup}' (LocalCluster uses it for the writer's instance)",
                LocalClusterException.BadInput);
        }

        var repoRoot = Path.GetFullPath(options.RepoRoot ?? RepoLocator.Find());
        var stackFile = Path.GetFullPath(options.StackFilePath ?? StackSpecLoader.StackFilePath(repoRoot, spec.StackName));
        var stateDir = Path.GetFullPath(options.StateDir ?? spec.Local.StateDir ?? Path.Combine(LocalClusterConstants.StateRoot, spec.StackName));
        var layout = new StateLayout(stateDir);

        // A stack that has state keeps the ports it was created with.
        var existing = new StateStore(layout).TryLoad();
        var maxMembers = 1 + spec.ReplicaGroups.Sum(g => g.Size.Max);
        var ports = new PortPlan(existing?.PortBase ?? options.PortBase ?? spec.Local.PortBase, existing?.SlotCount ?? PortPlan.SlotCountFor(maxMembers));
        if (ports.Validate() is { } problem)
        {
            throw new LocalClusterException(problem, LocalClusterException.BadInput);
        }

        var account = Libc.EffectiveUserId == 0 ? UnixAccount.Find(options.ServiceUser) : null;
        var env = new ClusterEnvironment(spec, layout, ports, account, options.TimeProvider);
        return new LocalClusterController(env, options, repoRoot, stackFile);
    }

    /// <summary>The stack this controller realizes.</summary>
    public StackSpec Spec => _env.Spec;

    /// <summary>The stack's state directory (state, secrets, logs).</summary>
    public string StateDir => _env.Layout.Root;

    /// <summary>The write endpoint (HAProxy): routes to the primary.</summary>
    public EndpointAddress WriteEndpoint => new(LocalClusterConstants.Host, _env.Ports.Write);

    /// <summary>The read endpoint (HAProxy): round robin over warm replicas.</summary>
    public EndpointAddress ReadEndpoint => new(LocalClusterConstants.Host, _env.Ports.Read);

    /// <summary>The alarm log: one JSON object per line, one line per alarm state change.</summary>
    public string AlarmLogPath => _env.Layout.AlarmLog;

    /// <summary>The supervisor's event log: one JSON object per line (member-lost, member-created, member-removed, scaled-out, ...).</summary>
    public string EventLogPath => _env.Layout.EventLog;

    /// <summary>True when the stack has state and its supervisor runs.</summary>
    public bool IsRunning => _env.Store.TryLoad() is { Stopped: false } && PidFile.ReadAlive(_env.Layout.SupervisorPid) is not null;

    /// <summary>
    /// Starts the stack and waits for steady state. Idempotent: on a running stack it only waits for steady
    /// state and reports it. Checks tools, the service account and every port before starting anything.
    /// Cancelled (Ctrl-C), it stops everything it started.
    /// </summary>
    /// <exception cref="LocalClusterException">A check failed (nothing was started), or steady state was not reached in time (everything was stopped).</exception>
    public async Task<ClusterStatus> UpAsync(CancellationToken cancellationToken = default)
    {
        var existing = _env.Store.TryLoad();
        if (existing is { Stopped: false } && PidFile.ReadAlive(_env.Layout.SupervisorPid) is { } running)
        {
            _options.Progress?.WriteLine($"stack {Spec.StackName} is already running (supervisor pid {running.Pid})");
            return await WaitForSteadyAsync(_options.SteadyTimeout, cancellationToken);
        }

        var starter = new ClusterStarter(_env, _options, _repoRoot, _stackFile);
        if (existing is not null && starter.TimingConflict(existing) is { } conflict)
        {
            throw new LocalClusterException(conflict, LocalClusterException.BadInput);
        }

        var tools = starter.Preflight(existing);
        var created = existing is null;
        var healthProbes = created ? await starter.HealthProbesAsync(tools, cancellationToken) : null;
        try
        {
            if (created)
            {
                starter.CreateState(tools, healthProbes);
                _options.Progress?.WriteLine($"state in {StateDir}; ports {_env.Ports.PortBase}-{_env.Ports.LastPort}");
            }
            else
            {
                await _env.Store.UpdateAsync(s => s.Stopped = false, cancellationToken);
                _options.Progress?.WriteLine($"restarting stack {Spec.StackName} from {StateDir}");
            }

            var supervisor = starter.StartSupervisor(tools);
            _options.Progress?.WriteLine($"supervisor pid {supervisor.Pid}; waiting for steady state (up to {_options.SteadyTimeout.TotalSeconds:0} s)");
            return await WaitForSteadyAsync(_options.SteadyTimeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _options.Progress?.WriteLine("interrupted: stopping everything this up started");
            await new ClusterStopper(_env, _options.Progress).StopAsync(keepState: !created, CancellationToken.None);
            throw;
        }
        catch (LocalClusterException e)
        {
            // Nothing is left running after a failed up; the state (logs) stays for diagnosis.
            await new ClusterStopper(_env, _options.Progress).StopAsync(keepState: true, CancellationToken.None);
            throw new LocalClusterException($"{e.Message}; everything was stopped, logs kept in {_env.Layout.LogsDir} (down removes them)", e.ExitCode);
        }
    }

    /// <summary>Stops every process of the stack (by the pids in its state directory) and removes its state unless <paramref name="keepState"/>.</summary>
    public async Task DownAsync(bool keepState = false, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(StateDir))
        {
            _options.Progress?.WriteLine($"stack {Spec.StackName} is not running (no {StateDir})");
            return;
        }

        if (_env.Store.TryLoad() is { } state)
        {
            HostDegradation.ReleaseLeftovers(state);
        }

        await new ClusterStopper(_env, _options.Progress).StopAsync(keepState, cancellationToken);
    }

    /// <summary>The stack's status now.</summary>
    /// <exception cref="LocalClusterException">The stack has no state (never started, or down).</exception>
    public Task<ClusterStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        new StatusCollector(_env).CollectAsync(cancellationToken);

    /// <summary>Which members the endpoints route to now, from HAProxy alone: cheap enough to poll at 20 Hz.</summary>
    public Task<EndpointRouting> GetEndpointRoutingAsync(CancellationToken cancellationToken = default) =>
        new StatusCollector(_env).RoutingAsync(cancellationToken);

    /// <summary>Polls status until steady; throws with the reasons when <paramref name="timeout"/> passes or the supervisor dies.</summary>
    public async Task<ClusterStatus> WaitForSteadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ClusterStatus? last = null;
        var steady = await Poll.UntilAsync(
            async ct =>
            {
                last = await GetStatusAsync(ct);
                return last.IsSteady ? last
                    : last.IsRunning ? null
                    : throw new LocalClusterException($"the supervisor of stack {Spec.StackName} is not running; see {_env.Layout.SupervisorLog}", LocalClusterException.Failed);
            },
            timeout, TimeSpan.FromMilliseconds(250), _env.Time, cancellationToken);
        return steady ?? throw new LocalClusterException(
            $"stack {Spec.StackName} not steady after {timeout.TotalSeconds:0} s: {string.Join("; ", last!.NotSteadyReasons)}",
            LocalClusterException.Failed);
    }

    /// <summary>Machine loss: SIGKILLs the member's whole process tree and deletes its data directory. The supervisor replaces it.</summary>
    /// <remarks>
    /// Nothing is announced first: the supervisor and HAProxy find the loss as they would a real one (the
    /// processes and the data directory are gone). The folder is renamed away before it is deleted, so the
    /// loss is complete in one step; the state records it afterwards, for status.
    /// </remarks>
    /// <exception cref="LocalClusterException">No such member, or the stack is not running.</exception>
    public async Task KillMemberAsync(string member, CancellationToken cancellationToken = default)
    {
        var state = _env.Store.TryLoad() ?? throw NotRunning();
        var record = state.Find(member) ?? throw UnknownMember(member, state);
        var host = new MemberHost(_env, state);
        await host.KillAsync(record, cancellationToken);
        host.DeleteFiles(record);
        await _env.Store.UpdateAsync(s =>
        {
            if (s.Find(member) is { } stillThere)
            {
                stillThere.Lost = true;
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Promotes <paramref name="member"/> when no primary runs and Patroni will not promote anyone by itself
    /// (a double fault: the synchronous standbys lost with the primary, or only stale replicas left), accepting
    /// the loss of the acknowledged writes it did not receive. Refused without <paramref name="acceptDataLoss"/>,
    /// while a primary runs, and while a safe candidate exists.
    /// </summary>
    /// <exception cref="LocalClusterException">Refused (exit 2), or the member did not become primary in time (exit 1).</exception>
    public async Task<AcceptedFailover> FailoverAsync(string member, bool acceptDataLoss, CancellationToken cancellationToken = default)
    {
        var state = _env.Store.TryLoad() ?? throw NotRunning();
        var record = state.Find(member) ?? throw UnknownMember(member, state);
        return await new ForcedFailover(_env).RunAsync(state, record, acceptDataLoss, LocalClusterConstants.ForcedFailoverTimeout, cancellationToken);
    }

    /// <summary>
    /// Moves the primary to <paramref name="to"/>, or to the least lagged warm synchronous standby, through Patroni's
    /// planned switchover (the old primary is stopped cleanly and follows the new one): the runbook for a primary on a
    /// sick host, before that member is replaced.
    /// </summary>
    /// <exception cref="LocalClusterException">No primary, or the member may not take over (exit 2); the new primary did not run in time (exit 1).</exception>
    public async Task<CompletedSwitchover> SwitchoverAsync(string? to, CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync(cancellationToken);
        if (!status.IsRunning)
        {
            throw NotRunning();
        }

        return await new PlannedSwitchover(_env).RunAsync(status, to, LocalClusterConstants.ForcedFailoverTimeout, cancellationToken);
    }

    /// <summary>A hung machine: SIGSTOPs every process of the member (Patroni, PostgreSQL, HealthProbes).</summary>
    public async Task FreezeMemberAsync(string member, CancellationToken cancellationToken = default)
    {
        var record = await MarkAsync(member, m => m.Frozen = true, cancellationToken);
        new MemberHost(_env, _env.Store.TryLoad()!).Freeze(record);
    }

    /// <summary>Resumes a frozen member (SIGCONT).</summary>
    public async Task ThawMemberAsync(string member, CancellationToken cancellationToken = default)
    {
        var state = _env.Store.TryLoad() ?? throw NotRunning();
        var record = state.Find(member) ?? throw UnknownMember(member, state);
        new MemberHost(_env, state).Thaw(record);
        HostDegradation.ReleaseLeftovers(state, member);
        await MarkAsync(member, m => m.Frozen = false, cancellationToken);
    }

    /// <summary>
    /// A sick host: starves every process of <paramref name="member"/> of CPU in <paramref name="pattern"/>'s spells
    /// (a CPU cgroup, v1 or v2, as root) until <paramref name="cancellationToken"/> is cancelled, then lifts the cap.
    /// A process killed meanwhile cannot lift it: <c>thaw</c> and <c>down</c> lift any cap left.
    /// </summary>
    /// <exception cref="LocalClusterException">Unknown member, a bad pattern (exit 2), or no usable CPU controller (exit 3).</exception>
    public async Task DegradeMemberAsync(string member, CpuStarvation pattern, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Problem() is { } problem)
        {
            throw new LocalClusterException(problem, LocalClusterException.BadInput);
        }

        var state = _env.Store.TryLoad() ?? throw NotRunning();
        var record = state.Find(member) ?? throw UnknownMember(member, state);
        _options.Progress?.WriteLine($"{member}: {pattern.Describe()}, until cancelled (Ctrl-C)");
        try
        {
            await new HostDegradation(_env).RunAsync(state, record, pattern, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // lifted: the caller asked for it
        }
    }

    /// <summary>Sets <paramref name="group"/>'s desired count and waits until the group has it, every member warm.</summary>
    /// <exception cref="LocalClusterException">Unknown group, or a count outside the spec's min..max.</exception>
    public async Task<ClusterStatus> ScaleAsync(string group, int count, CancellationToken cancellationToken = default)
    {
        var index = Spec.ReplicaGroups.ToList().FindIndex(g => g.Name == group);
        if (index < 0)
        {
            throw new LocalClusterException(
                $"stack {Spec.StackName} has no replica group '{group}'; groups: {string.Join(", ", Spec.ReplicaGroups.Select(g => g.Name))}",
                LocalClusterException.BadInput);
        }

        var size = Spec.ReplicaGroups[index].Size;
        if (count < size.Min || count > size.Max)
        {
            throw new LocalClusterException(
                $"{Path.GetFileName(_stackFile)}: resilience:replicaGroups[{index}].size allows {size.Min} to {size.Max} members in {group}, got {count}",
                LocalClusterException.BadInput);
        }

        _ = _env.Store.TryLoad() ?? throw NotRunning();
        await _env.Store.UpdateAsync(s => s.DesiredByGroup[group] = count, cancellationToken);
        return await WaitForSteadyAsync(_options.SteadyTimeout, cancellationToken);
    }

    /// <summary>The application login for connecting through <see cref="WriteEndpoint"/> and <see cref="ReadEndpoint"/>.</summary>
    /// <exception cref="LocalClusterException">The stack has never been started.</exception>
    public ClusterCredentials GetCredentials()
    {
        var secrets = Secrets.TryLoad(_env.Layout) ?? throw NotRunning();
        return new ClusterCredentials(Spec.Database.MasterUsername, secrets.App, Spec.Database.DatabaseName);
    }

    /// <summary>Runs the supervisor in this process until cancelled (the CLI's hidden <c>supervise</c> verb).</summary>
    public static Task<int> SuperviseAsync(string stateDir, CancellationToken cancellationToken)
    {
        var env = ClusterEnvironment.FromState(new StateLayout(Path.GetFullPath(stateDir)), TimeProvider.System);
        var state = env.Store.TryLoad()!;
        var tools = Tools.Locate(env.Spec.Database.EngineVersion) with { PgBinDir = state.PgBinDir };
        return SupervisorHost.RunAsync(env, tools, cancellationToken);
    }

    private async Task<MemberRecord> MarkAsync(string member, Action<MemberRecord> change, CancellationToken ct)
    {
        var state = _env.Store.TryLoad() ?? throw NotRunning();
        _ = state.Find(member) ?? throw UnknownMember(member, state);
        return await _env.Store.UpdateAsync(s =>
        {
            var record = s.Find(member) ?? throw UnknownMember(member, s);
            change(record);
            return record;
        }, ct);
    }

    private LocalClusterException NotRunning() =>
        new($"stack {Spec.StackName} is not running (no state in {StateDir}); start it with: up --stack {Spec.StackName}");

    private LocalClusterException UnknownMember(string member, ClusterState state) =>
        new($"stack {Spec.StackName} has no member '{member}'; members: {string.Join(", ", state.Members.Select(m => m.Name))}", LocalClusterException.BadInput);
}
