using Resilience.LocalCluster.Internal.Backup;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Lifecycle;

/// <summary>The first half of <c>up</c>: checks everything that can be checked before starting anything, writes the state, starts the supervisor.</summary>
internal sealed class ClusterStarter(ClusterEnvironment env, LocalClusterOptions options, string repoRoot, string stackFile)
{
    /// <summary>Fails with one clear line when a tool, the service account or a port is missing; returns the tools.</summary>
    public Tools Preflight(ClusterState? existing)
    {
        var tools = Tools.Locate(env.Spec.Database.EngineVersion);
        if (Libc.EffectiveUserId == 0 && env.ServiceAccount is null)
        {
            throw new LocalClusterException(
                $"user '{options.ServiceUser}' does not exist; PostgreSQL and Patroni refuse to run as root and run as that user (install postgresql-15, or set LocalClusterOptions.ServiceUser)");
        }

        if (!File.Exists(stackFile))
        {
            throw new LocalClusterException($"stack file {stackFile} not found; the supervisor reads it", LocalClusterException.BadInput);
        }

        CheckPorts(existing);
        return tools;
    }

    /// <summary>Every port the stack may use must be free, except those held by this stack's own live processes.</summary>
    private void CheckPorts(ClusterState? existing)
    {
        var ours = new HashSet<int>();
        if (existing is not null)
        {
            if (PidFile.ReadAlive(env.Layout.EtcdPid) is not null)
            {
                ours.UnionWith([env.Ports.EtcdClient, env.Ports.EtcdPeer]);
            }

            if (PidFile.ReadAlive(env.Layout.HaproxyPid) is not null)
            {
                ours.UnionWith([env.Ports.Write, env.Ports.Read]);
            }

            foreach (var m in existing.Members)
            {
                var layout = env.Layout.Member(m.Name);
                if (PidFile.ReadAlive(layout.PatroniPid) is not null || PidFile.ReadAlive(layout.ProbePid) is not null)
                {
                    ours.UnionWith(env.Ports.SlotPortPurposes(m.Slot).Select(p => p.Port));
                }
            }
        }

        var all = env.Ports.FixedPortPurposes()
            .Concat(Enumerable.Range(0, env.Ports.SlotCount).SelectMany(env.Ports.SlotPortPurposes));
        foreach (var (port, purpose) in all.Where(p => !ours.Contains(p.Port)))
        {
            if (!PortAvailability.IsFree(port))
            {
                var holder = PortAvailability.DescribeHolder(port) ?? "another process";
                throw new LocalClusterException(
                    $"port {port} ({purpose}) is in use by {holder}; stop it or choose another port base (resilience:local.portBase in {Path.GetFileName(stackFile)}, or --port-base); stack {env.Spec.StackName} needs ports {env.Ports.PortBase}-{env.Ports.LastPort}");
            }
        }
    }

    /// <summary>Creates the state directory, secrets, bootstrap script and <c>cluster.json</c>.</summary>
    public ClusterState CreateState(Tools tools, string? healthProbesDll)
    {
        var root = env.Layout.Root;
        var parent = Path.GetDirectoryName(root)!;
        var parentExisted = Directory.Exists(parent);

        // A folder without cluster.json is debris (an interrupted create or down), never a stack to reuse.
        if (Directory.Exists(root))
        {
            new ClusterStopper(env, options.Progress).Sweep();
        }

        ClusterStopper.RemoveStateDirectory(root);
        Directory.CreateDirectory(root);
        if (!parentExisted)
        {
            File.SetUnixFileMode(parent, (UnixFileMode)0b111_101_101);
        }

        // World-traversable so the service account reaches its members' folders; the secrets folder is 0700.
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        env.GiveToServiceAccount(root);
        Directory.CreateDirectory(env.Layout.LogsDir);
        Directory.CreateDirectory(env.Layout.MembersDir);
        var secrets = Secrets.LoadOrCreate(env.Layout);
        new BackupRepository(env).Prepare();

        var bootstrapDir = Path.GetDirectoryName(env.Layout.BootstrapScript)!;
        Directory.CreateDirectory(bootstrapDir);
        var script = new PostBootstrapScript(Path.Combine(tools.PgBinDir, "psql"), env.Spec.Database.MasterUsername, env.Databases(), secrets);
        File.WriteAllText(env.Layout.BootstrapScript, script.Render());
        File.SetUnixFileMode(env.Layout.BootstrapScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(bootstrapDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        env.GiveToServiceAccount(env.Layout.BootstrapScript);
        env.GiveToServiceAccount(bootstrapDir);

        var state = new ClusterState
        {
            Stack = env.Spec.StackName,
            StackFile = stackFile,
            Scope = $"resilience-{env.Spec.StackName}",
            PortBase = env.Ports.PortBase,
            SlotCount = env.Ports.SlotCount,
            Patroni = options.PatroniTiming ?? env.Spec.Local.Patroni,
            Haproxy = options.HaproxyTiming ?? env.Spec.Local.Haproxy,
            PgBinDir = tools.PgBinDir,
            ServiceUser = env.ServiceAccount?.Name,
            HealthProbesDll = healthProbesDll is null ? null : StagedBinaries.StageFolderOf(healthProbesDll, env.Layout.HealthProbesBin),
            GateSource = healthProbesDll is null ? LocalClusterConstants.GatePatroni : LocalClusterConstants.GateHealthProbes,
            DesiredByGroup = env.InitialDesired(),
            FastFailoverOnMachineLoss = options.FastFailoverOnMachineLoss,
            WriteFromLeaderKey = options.WriteEndpointFromLeaderKey,
            SynchronousNodeCount = options.SynchronousStandbys ?? SynchronousStandbys.For(env.Spec),
            AutomaticBackups = options.AutomaticBackups,
            ReplicaSource = options.ReplicaSource,
            CreatedAt = env.Time.GetUtcNow(),
        };
        env.Store.Save(state);
        return state;
    }

    /// <summary>Starts the supervisor (<c>dotnet LocalCluster.dll supervise</c>) detached, and records its pid.</summary>
    public ProcessHandle StartSupervisor(Tools tools)
    {
        var dll = StagedBinaries.StageSupervisor(env.Layout.SupervisorBin);
        string[] args = ["exec", dll, "supervise", "--state-dir", env.Layout.Root];
        var handle = ProcessLauncher.Start(new LaunchSpec(tools.Dotnet, args, env.Layout.SupervisorLog)
        {
            WorkingDirectory = env.Layout.Root,
            Environment = new Dictionary<string, string>
            {
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_gcServer"] = "0",
            },
        });
        PidFile.Write(env.Layout.SupervisorPid, handle);
        return handle;
    }

    /// <summary>Locates (or builds, bounded and cancellable) HealthProbes; null when the read gate falls back to Patroni.</summary>
    public async Task<string?> HealthProbesAsync(Tools tools, CancellationToken ct)
    {
        if (!options.UseHealthProbes)
        {
            return null;
        }

        if (options.HealthProbesPath is { } explicitPath)
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new LocalClusterException($"HealthProbes not found at {explicitPath}", LocalClusterException.BadInput);
        }

        var (dll, problem) = await HealthProbesLocator.LocateAsync(repoRoot, tools.Dotnet, options.Progress, ct);
        if (problem is not null)
        {
            options.Progress?.WriteLine(dll is null
                ? $"warning: {problem}; the read endpoint gates on Patroni's {LocalClusterConstants.PatroniReplicaCheck} instead of HealthProbes"
                : $"warning: {problem}; using the previous build {dll}");
        }

        return dll;
    }

    /// <summary>Whether options ask for timing other than what a kept state was created with.</summary>
    public string? TimingConflict(ClusterState existing)
    {
        var patroni = options.PatroniTiming;
        var haproxy = options.HaproxyTiming;
        return (patroni is not null && patroni != existing.Patroni) || (haproxy is not null && haproxy != existing.Haproxy)
            ? $"stack {env.Spec.StackName} was created with Patroni {Describe(existing.Patroni)} and HAProxy {Describe(existing.Haproxy)}; run down first to change its timing"
            : null;
    }

    private static string Describe(PatroniTiming t) => $"ttl {t.TtlSeconds}/loop_wait {t.LoopWaitSeconds}/retry_timeout {t.RetryTimeoutSeconds}";

    private static string Describe(HaproxyTiming t) => $"check {t.CheckIntervalMs} ms fall {t.Fall} rise {t.Rise}";
}
