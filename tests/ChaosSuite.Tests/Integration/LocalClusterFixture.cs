using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>
/// One real local cluster (PostgreSQL + Patroni + etcd + HAProxy + HealthProbes) for the integration tests,
/// on ports 28500-28533 (the chaos suite's share of 28000-28999) with its own state directory; it is always
/// torn down, also when starting it failed. Subclasses run their own cluster on other ports.
/// </summary>
public class LocalClusterFixture : IAsyncLifetime
{
    public const int PortBase = 28500;
    public const string StackName = "chaostest";

    private readonly int _portBase;
    private readonly string _stackName;
    private bool _disposed;

    public LocalClusterFixture()
        : this(PortBase, StackName)
    {
    }

    protected LocalClusterFixture(int portBase, string stackName)
    {
        _portBase = portBase;
        _stackName = stackName;
    }

    public string StacksDir { get; private set; } = "";

    public string StateDir { get; } = $"/var/tmp/chaos-tests-{Guid.NewGuid():N}"[..32];

    public StackSpec Spec { get; private set; } = null!;

    internal LocalPlatform Platform { get; private set; } = null!;

    public List<string> StartLog { get; } = [];

    public async Task InitializeAsync()
    {
        StacksDir = Stacks.WriteLocalCopy(_stackName, _portBase, StateDir, gameday: ["app-faults"]);
        Spec = StackSpecLoader.LoadStack(StacksDir, _stackName);
        Platform = new LocalPlatform(Spec, new LocalPlatformOptions
        {
            RepoRoot = Stacks.RepoRoot,
            StackFilePath = StackSpecLoader.StackFilePath(StacksDir, _stackName),
            StartTimeout = TestTimeouts.ClusterUp,
        });
        try
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.ClusterUp + TimeSpan.FromSeconds(30));
            await Platform.StartAsync(new Progress<string>(StartLog.Add), timeout.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // A failed start disposes at once, and xunit disposes the fixture again afterwards: the second call has nothing to stop.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using var timeout = new CancellationTokenSource(TestTimeouts.ClusterDown);
        try
        {
            await Platform.StopAsync(timeout.Token);
        }
        finally
        {
            await Platform.DisposeAsync();
            if (Directory.Exists(StacksDir))
            {
                Directory.Delete(StacksDir, recursive: true);
            }
        }
    }

    /// <summary>Waits until every group is at desired count and warm (the previous test's aftermath has healed), then runs <paramref name="scenario"/>.</summary>
    internal async Task<ScenarioResult> RunAsync(ChaosScenario scenario, int seed = 1)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Scenario);
        await SettleAsync(timeout.Token);
        var runner = new ScenarioRunner(Spec, Platform, new RunClock(TimeProvider.System), new ScenarioRunnerOptions { Seed = seed }, SilentProgress.Instance);
        return await runner.RunAsync(scenario, timeout.Token);
    }

    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        string? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var observation = await Platform.ObserveAsync(cancellationToken);
                if (SteadyStateGuard.IsSettled(Spec, observation))
                {
                    return;
                }

                last = SteadyStateGuard.Refusal(Spec, observation) ?? "groups not at desired count";
            }
            catch (PlatformException e)
            {
                last = e.Message;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(500, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break; // the reason it did not settle is the failure to report, not the cancellation
            }
        }

        throw new TimeoutException($"the cluster did not settle: {last}");
    }
}

/// <summary>
/// Runs alone, after the collections that run in parallel: its scenarios judge latency, alarms and failed operations,
/// which another cluster competing for the same two cores skews (a CI run lost the overload alarm and failed reads that
/// way).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "local cluster";
}
