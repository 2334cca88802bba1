using System.Diagnostics;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>
/// One real cluster of the local stack (3 members) shared by the integration tests of a collection: started
/// once, always stopped at the end, even when a test or the start itself fails. Port base 27000.
/// </summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    public const int PortBase = 27000;

    public SharedClusterFixture()
    {
        Spec = StackSpecLoader.LoadStack(RepoPaths.Root, "local");
        Controller = LocalClusterController.Create(Spec, Options(PortBase));
    }

    public StackSpec Spec { get; }

    public LocalClusterController Controller { get; }

    /// <summary>How long the first <c>up</c> took to reach steady state.</summary>
    public TimeSpan UpDuration { get; private set; }

    /// <summary>The status <c>up</c> returned.</summary>
    public ClusterStatus FirstStatus { get; private set; } = null!;

    public static LocalClusterOptions Options(int portBase) => new()
    {
        RepoRoot = RepoPaths.Root,
        StateDir = StateDirFor(portBase),
        PortBase = portBase,
        SteadyTimeout = TestTimeouts.Up,
    };

    public static string StateDirFor(int portBase) => $"/var/tmp/resilience/localcluster-tests-{portBase}";

    public async Task InitializeAsync()
    {
        // A previous run killed midway may have left its cluster: stop it by its pid files first.
        await Controller.DownAsync();
        var watch = Stopwatch.StartNew();
        try
        {
            FirstStatus = await Controller.UpAsync();
            UpDuration = watch.Elapsed;
        }
        catch
        {
            await Controller.DownAsync();
            throw;
        }
    }

    public Task DisposeAsync() => Controller.DownAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<SharedClusterFixture>
{
    public const string Name = "shared local cluster";
}
