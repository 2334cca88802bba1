using Resilience.Bench.Configurations;
using Resilience.Bench.Stacks;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios;
using Resilience.LocalCluster;
using Resilience.Topology.Time;
using Resilience.Topology;

namespace Resilience.Bench.Running;

/// <summary>
/// One local cluster the benchmark started: its generated stack file, the LocalCluster controller that
/// starts and stops it with the configuration's timing, and the chaos suite's platform adapter over it.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly BenchSettings _settings;
    private readonly BenchProgress _progress;
    private LocalPlatform _platform;

    private BenchCluster(BenchSettings settings, string name, BenchConfiguration configuration, string stackFile, StackSpec spec, LocalClusterController controller, LocalPlatform platform, BenchProgress progress)
    {
        _settings = settings;
        Name = name;
        Configuration = configuration;
        StackFile = stackFile;
        Spec = spec;
        Controller = controller;
        _platform = platform;
        _progress = progress;
    }

    /// <summary>The cluster's name in progress lines and state directories (<c>ours</c>, <c>baseline</c>, <c>growth</c>).</summary>
    public string Name { get; }

    /// <summary>The timing it runs with.</summary>
    public BenchConfiguration Configuration { get; }

    /// <summary>The generated stack file the supervisor reads.</summary>
    public string StackFile { get; }

    /// <summary>The spec scenarios run against (its desired counts are what a rollback restores).</summary>
    public StackSpec Spec { get; private set; }

    /// <summary>Starts, observes and stops the cluster.</summary>
    public LocalClusterController Controller { get; }

    /// <summary>The chaos suite's view of the cluster.</summary>
    public IDatabasePlatform Platform => _platform;

    /// <summary>True once <see cref="StartAsync"/> began: <see cref="StopAsync"/> then has something to stop.</summary>
    public bool Started { get; private set; }

    /// <summary>Writes the cluster's stack file and creates its controller; starts nothing.</summary>
    public static BenchCluster Create(BenchSettings settings, string name, BenchConfiguration configuration, int portBase, int replicas, int maxReplicas, BenchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var stateDir = Path.Combine(settings.StateRoot, name);
        var shape = new BenchStackShape(portBase, stateDir, configuration.Patroni, configuration.Haproxy, replicas, maxReplicas);
        var stackFile = BenchStackFile.Write(settings.SourceStackFile, Path.Combine(settings.StateRoot, "stacks"), $"bench-{name}", shape);
        var spec = StackSpecLoader.Load(stackFile);
        var controller = LocalClusterController.Create(spec, new LocalClusterOptions
        {
            RepoRoot = settings.RepoRoot,
            StackFilePath = stackFile,
            StateDir = stateDir,
            PortBase = portBase,
            PatroniTiming = configuration.Patroni,
            HaproxyTiming = configuration.Haproxy,
            UseHealthProbes = configuration.WarmupGate,
            FastFailoverOnMachineLoss = configuration.FastFailoverOnMachineLoss,
            WriteEndpointFromLeaderKey = configuration.WriteFromLeaderKey,
            SynchronousStandbys = configuration.SynchronousStandbys,
            ReplicaSource = configuration.ReplicaSource,
            SteadyTimeout = settings.SteadyTimeout,
            Progress = new LineWriter(progress, name),
        });
        return new BenchCluster(settings, name, configuration, stackFile, spec, controller, NewPlatform(settings, spec, stackFile, stateDir, portBase), progress);
    }

    /// <summary>Stops whatever an earlier, interrupted benchmark left in this state directory, then starts the cluster and waits for steady state.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Started = true;
        if (Directory.Exists(Controller.StateDir))
        {
            _progress.Line($"  [{Name}] removing what an earlier run left in {Controller.StateDir}");
            await Controller.DownAsync(keepState: false, cancellationToken);
        }

        _progress.Line($"  [{Name}] starting: {Configuration.Timing}");
        await Controller.UpAsync(cancellationToken);
    }

    /// <summary>Stops every process of the cluster by the pids in its state directory; keeps the state (logs) when asked.</summary>
    public async Task StopAsync(bool keepState)
    {
        if (!Started)
        {
            return;
        }

        Started = false;
        _progress.Line($"  [{Name}] stopping{(keepState ? $" (state kept in {Controller.StateDir})" : "")}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Controller.DownAsync(keepState, timeout.Token);
    }

    /// <summary>Scales the first group to <paramref name="replicas"/> and makes that the count a rollback restores.</summary>
    public async Task ScaleAsync(int replicas, CancellationToken cancellationToken)
    {
        var group = Spec.ReplicaGroups[0];
        await Controller.ScaleAsync(group.Name, replicas, cancellationToken);
        Spec = Spec with { ReplicaGroups = [group with { Size = group.Size with { Desired = replicas } }, .. Spec.ReplicaGroups.Skip(1)] };
        await _platform.DisposeAsync();
        _platform = NewPlatform(_settings, Spec, StackFile, Controller.StateDir, Spec.Local.PortBase);
    }

    /// <summary>Waits until the cluster is steady and the chaos suite's double-fault guard would let a fault in.</summary>
    /// <exception cref="LocalClusterException">Not steady in time.</exception>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        await Controller.WaitForSteadyAsync(_settings.SteadyTimeout, cancellationToken);
        string? refusal = null;
        if (await Poll.UntilAsync(
            async ct => (refusal = SteadyStateGuard.Refusal(Spec, await Platform.ObserveAsync(ct))) is null,
            _settings.SteadyTimeout, TimeSpan.FromMilliseconds(500), _settings.TimeProvider, cancellationToken))
        {
            return;
        }

        throw new LocalClusterException($"cluster {Name} not ready for a fault after {_settings.SteadyTimeout.TotalSeconds:0} s: {refusal}", LocalClusterException.Failed);
    }

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    private static LocalPlatform NewPlatform(BenchSettings settings, StackSpec spec, string stackFile, string stateDir, int portBase) =>
        new(spec, new LocalPlatformOptions
        {
            RepoRoot = settings.RepoRoot,
            StackFilePath = stackFile,
            StateDir = stateDir,
            PortBase = portBase,
            StartTimeout = settings.SteadyTimeout,
        });
}
