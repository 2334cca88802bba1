using Microsoft.Extensions.Hosting;
using Resilience.LocalCluster.Internal;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Supervision;

/// <summary>The supervisor's loop survives any exception from a job, backs that job off alone, and ends only on stop or when the state is gone.</summary>
public sealed class SupervisorLoopTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "supervisor-loop-" + Guid.NewGuid().ToString("N"));
    private readonly ClusterEnvironment _env;

    public SupervisorLoopTests()
    {
        var layout = new StateLayout(_root);
        Directory.CreateDirectory(_root);
        _env = new ClusterEnvironment(StackSpecLoader.Load(RepoPaths.LocalStackFile), layout, new PortPlan(30200, 8), null, TimeProvider.System);
        _env.Store.Save(new ClusterState
        {
            Stack = "local", StackFile = RepoPaths.LocalStackFile, Scope = "loop-test", PortBase = 30200, SlotCount = 8,
            Patroni = new PatroniTiming(6, 1, 2), Haproxy = new HaproxyTiming(500, 2, 1), PgBinDir = "/nonexistent", GateSource = LocalClusterConstants.GatePatroni,
        });
    }

    [Fact]
    public async Task A_job_that_keeps_throwing_is_backed_off_while_the_jobs_after_it_keep_running()
    {
        var broken = new ScriptedJob("broken", () => throw new ArgumentException("not in any whitelist"));
        var healthy = new ScriptedJob("healthy", () => { });
        using var host = Host(broken, healthy);
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);

        await Poll.UntilAsync(() => Task.FromResult(healthy.Runs >= 12), TestTimeouts.Short, "12 ticks of the healthy job");
        Assert.False(run.IsCompleted, "the supervisor is still running");

        // Without backoff the broken job would run every tick too; with it (a tick, doubling) it ran far less often.
        Assert.InRange(broken.Runs, 2, healthy.Runs / 2);

        await stop.CancelAsync();
        await run.WaitAsync(TestTimeouts.Short);
        var kinds = EventLog.Read(_env.Layout.EventLog).Select(e => e.Kind).ToList();
        Assert.Equal(["supervisor-started", "supervisor-stopped"], kinds);
    }

    [Fact]
    public async Task A_job_that_recovers_runs_every_tick_again()
    {
        var failuresLeft = 2;
        var flaky = new ScriptedJob("flaky", () =>
        {
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                throw new InvalidOperationException("transient");
            }
        });
        var healthy = new ScriptedJob("healthy", () => { });
        using var host = Host(flaky, healthy);
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);

        await Poll.UntilAsync(() => Task.FromResult(flaky.Runs >= 3), TestTimeouts.Short, "the flaky job to run after its failures");
        var (flakyAt, healthyAt) = (flaky.Runs, healthy.Runs);
        await Poll.UntilAsync(() => Task.FromResult(healthy.Runs >= healthyAt + 6), TestTimeouts.Short, "6 more ticks");
        Assert.InRange(flaky.Runs - flakyAt, healthy.Runs - healthyAt - 1, healthy.Runs - healthyAt + 1);
        await stop.CancelAsync();
        await run.WaitAsync(TestTimeouts.Short);
    }

    [Fact]
    public async Task The_supervisor_ends_by_itself_when_the_state_is_gone()
    {
        var healthy = new ScriptedJob("healthy", () => { });
        using var host = Host(healthy);
        var run = host.RunAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(healthy.Runs >= 1), TestTimeouts.Short, "a first tick");

        File.Delete(_env.Layout.ClusterFile);
        await run.WaitAsync(TestTimeouts.Short);
        Assert.DoesNotContain(EventLog.Read(_env.Layout.EventLog), e => e.Kind == "supervisor-stopped");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private IHost Host(params ScriptedJob[] jobs) =>
        SupervisorHost.Build(_env, new Tools("patroni", "etcd", "haproxy", "/nonexistent", "dotnet"), services =>
        {
            foreach (var job in jobs)
            {
                Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ISupervisorJob>(services, job);
            }
        });

    private sealed class ScriptedJob(string name, Action body) : ISupervisorJob
    {
        private int _runs;

        public string Name => name;

        public int Runs => Volatile.Read(ref _runs);

        public Task RunAsync(SupervisorTick tick, CancellationToken ct)
        {
            Interlocked.Increment(ref _runs);
            body();
            return Task.CompletedTask;
        }
    }
}
