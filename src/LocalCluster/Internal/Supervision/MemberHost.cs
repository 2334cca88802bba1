using System.Globalization;
using Resilience.LocalCluster.Internal.Backup;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>One member as a machine: its files, its processes (Patroni, PostgreSQL, HealthProbes) and what can happen to them.</summary>
internal sealed class MemberHost(ClusterEnvironment env, ClusterState state)
{
    private const UnixFileMode PrivateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Writes the member's folder and <c>patroni.yml</c>.</summary>
    public void Prepare(MemberRecord member)
    {
        var m = env.Layout.Member(member.Name);
        Directory.CreateDirectory(m.Root);
        Directory.CreateDirectory(m.LogsDir);
        Directory.CreateDirectory(m.ProbeDir);
        File.SetUnixFileMode(m.Root, PrivateDir);
        var config = new PatroniMemberConfig(
            state.Scope,
            member.Name,
            env.Ports.ForSlot(member.Slot),
            env.Ports.EtcdClient,
            m.Root,
            m.DataDir,
            m.PgPass,
            state.PgBinDir,
            state.Patroni,
            env.Spec.Database.SynchronousReplication,
            state.SynchronousNodeCount,
            env.Secrets,
            env.Layout.BootstrapScript,
            PgBackRestConfig.ArchiveCommand(BackupLayout.Of(env.Layout), m.DataDir))
        {
            RestoreFromBackup = member.FromBackup ? RepositoryBootstrap.Of(BackupLayout.Of(env.Layout), m.DataDir) : null,
            ReplicaFromRepository = state.ReplicaSource == ReplicaSource.Repository ? RepositoryReplica.Of(BackupLayout.Of(env.Layout), m.DataDir) : null,
        };
        Secrets.WritePrivate(m.PatroniConfig, config.Render());
        env.GiveToServiceAccount(m.PatroniConfig);
        env.GiveToServiceAccount(m.Root);
    }

    /// <summary>Starts Patroni (which starts PostgreSQL) and records its pid.</summary>
    public ProcessHandle StartPatroni(MemberRecord member, string patroniPath)
    {
        var m = env.Layout.Member(member.Name);
        var handle = ProcessLauncher.Start(new LaunchSpec(patroniPath, [m.PatroniConfig], m.PatroniLog)
        {
            RunAs = env.ServiceAccount,
            CleanEnvironment = true,
            WorkingDirectory = m.Root,
        });
        PidFile.Write(m.PatroniPid, handle);
        return handle;
    }

    /// <summary>Starts HealthProbes beside the member and records its pid; null in Patroni-gate mode.</summary>
    public ProcessHandle? StartProbe(MemberRecord member, string dotnet)
    {
        if (state.GateSource != LocalClusterConstants.GateHealthProbes || state.HealthProbesDll is null)
        {
            return null;
        }

        var m = env.Layout.Member(member.Name);
        var ports = env.Ports.ForSlot(member.Slot);
        var ci = CultureInfo.InvariantCulture;
        string[] args =
        [
            state.HealthProbesDll,
            "--stack-file", state.StackFile,
            "--group", env.PolicyGroupOf(member.Group),
            "--pg-host", LocalClusterConstants.Host,
            "--pg-port", ports.Postgres.ToString(ci),
            "--pg-database", env.Spec.Database.DatabaseName,
            "--pg-user", LocalClusterConstants.ProbeUser,
            "--pg-password-file", env.Layout.Secret("probe"),
            "--listen", string.Create(ci, $"{LocalClusterConstants.Host}:{ports.Probe}"),
            "--state-dir", m.ProbeDir,
            "--patroni-url", string.Create(ci, $"http://{LocalClusterConstants.Host}:{ports.Patroni}"),

            // A closing gate takes the member out of the read endpoint at once, not at HAProxy's next check.
            "--haproxy-socket", env.Layout.HaproxySocket,
            "--haproxy-server", $"{HaproxyConfig.ReadBackend}/{HaproxyConfig.ServerName(member.Slot)}",
        ];
        var handle = ProcessLauncher.Start(new LaunchSpec(dotnet, args, m.ProbeLog)
        {
            WorkingDirectory = m.ProbeDir,
            Environment = new Dictionary<string, string>
            {
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_gcServer"] = "0",
            },
        });
        PidFile.Write(m.ProbePid, handle);
        return handle;
    }

    /// <summary>Patroni's process while it lives.</summary>
    public ProcessHandle? Patroni(MemberRecord member) => PidFile.ReadAlive(env.Layout.Member(member.Name).PatroniPid);

    /// <summary>HealthProbes' process while it lives.</summary>
    public ProcessHandle? Probe(MemberRecord member) => PidFile.ReadAlive(env.Layout.Member(member.Name).ProbePid);

    /// <summary>The postmaster's pid from <c>postmaster.pid</c>, when that process runs this data directory.</summary>
    /// <remarks>Patroni starts PostgreSQL in its own session and lets init adopt it, so it is not in Patroni's tree.</remarks>
    public int? Postmaster(MemberRecord member)
    {
        var dataDir = env.Layout.Member(member.Name).DataDir;
        try
        {
            var first = File.ReadLines(Path.Combine(dataDir, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(first, CultureInfo.InvariantCulture, out var pid) && ProcFs.Stat(pid) is { HasExited: false }
                && ProcFs.CommandLine(pid).Contains(dataDir))
            {
                return pid;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No postmaster.pid: PostgreSQL is not running (or the data directory is being created).
        }

        return null;
    }

    /// <summary>The roots of the member's process trees: Patroni, HealthProbes, and any postmaster of its data directory.</summary>
    public IReadOnlyList<int> Roots(MemberRecord member, bool scanForPostmasters)
    {
        var roots = new List<int>();
        if (Patroni(member) is { } p)
        {
            roots.Add(p.Pid);
        }

        if (Probe(member) is { } h)
        {
            roots.Add(h.Pid);
        }

        if (Postmaster(member) is { } pm)
        {
            roots.Add(pm);
        }

        if (scanForPostmasters)
        {
            // postmaster.pid may be gone already (data directory deleted): find it by its -D argument.
            var dataDir = env.Layout.Member(member.Name).DataDir;
            roots.AddRange(ProcFs.All().Where(s => !s.HasExited && ProcFs.CommandLine(s.Pid).Contains(dataDir)).Select(s => s.Pid));
        }

        return roots.Distinct().ToList();
    }

    /// <summary>SIGKILLs every process of the member at once: a machine loss.</summary>
    public IReadOnlyList<ProcessHandle> Kill(MemberRecord member) => ProcessSignals.KillTrees(Roots(member, scanForPostmasters: true));

    /// <summary>SIGKILLs every process of the member and returns once all of them are gone (its ports are then free).</summary>
    /// <exception cref="LocalClusterException">A process outlived <see cref="LocalClusterConstants.KillWait"/> (e.g. stuck in the kernel).</exception>
    public Task KillAsync(MemberRecord member, CancellationToken ct) =>
        ProcessSignals.EnsureGoneAsync(Kill(member), $"member {member.Name}", env.Time, ct);

    /// <summary>SIGSTOPs every process of the member: a hung machine.</summary>
    public IReadOnlyList<int> Freeze(MemberRecord member) => ProcessSignals.SignalTrees(Roots(member, scanForPostmasters: true), Libc.SigStop);

    /// <summary>SIGCONTs every process of the member.</summary>
    public IReadOnlyList<int> Thaw(MemberRecord member) => ProcessSignals.SignalTrees(Roots(member, scanForPostmasters: true), Libc.SigCont);

    /// <summary>Stops the member cleanly (Patroni shuts PostgreSQL down), then anything left by force.</summary>
    public async Task StopAsync(MemberRecord member, TimeSpan grace, CancellationToken ct)
    {
        Thaw(member);
        if (Probe(member) is { } probe)
        {
            Libc.Signal(probe.Pid, Libc.SigTerm);
        }

        if (Patroni(member) is { } patroni)
        {
            await ProcessSignals.StopAsync(patroni, grace, env.Time, ct);
        }

        if (Postmaster(member) is { } pm && ProcessHandle.Of(pm) is { } pmHandle)
        {
            // Patroni died before stopping PostgreSQL: a fast shutdown (SIGINT) is still clean.
            Libc.Signal(pm, 2);
            await ProcessSignals.WaitGoneAsync([pmHandle], grace, env.Time, ct);
        }

        await KillAsync(member, ct);
    }

    /// <summary>Deletes the member's folder (data directory included); its logs stay.</summary>
    public void DeleteFiles(MemberRecord member)
    {
        var root = env.Layout.Member(member.Name).Root;
        var doomed = Path.Combine(Path.GetDirectoryName(root)!, $".deleting-{member.Name}-{Guid.NewGuid():N}");
        try
        {
            // One atomic step makes the data directory disappear; the slow recursive delete comes after.
            Directory.Move(root, doomed);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException)
        {
            doomed = root;
        }

        DeleteTree(doomed);
    }

    /// <summary>Deletes a folder that another process (the CLI's kill, the supervisor) may be deleting at the same time.</summary>
    public static void DeleteTree(string path)
    {
        for (var attempt = 1; Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when ((e is DirectoryNotFoundException or FileNotFoundException) || (e is IOException && attempt < 5))
            {
                // Someone else removed part of it: look again.
            }
        }
    }

    /// <summary>True when the member's data directory exists (a machine that was not lost).</summary>
    public bool HasData(MemberRecord member) => Directory.Exists(env.Layout.Member(member.Name).DataDir);

    /// <summary>Total CPU ticks of the member's processes (including reaped children), for CPU percent over an interval.</summary>
    public long CpuTicks(MemberRecord member, IReadOnlyList<ProcStat> table) =>
        ProcFs.TreeOf(Roots(member, scanForPostmasters: false), table).Sum(p => p.TotalTicks);
}
