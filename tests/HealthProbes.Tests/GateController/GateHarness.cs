using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Resilience.HealthProbes.GateController;
using Resilience.Topology;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>One cluster's gate on a fake clock, a fake control plane and fake SQL answers; a ledger in a temporary directory.</summary>
internal sealed class GateHarness : IAsyncDisposable
{
    public static readonly WarmupPolicy Policy = new(null, ["app"], false, MaxReplayLagSeconds: 1, MinWarmSeconds: 10, LagGraceSeconds: 3, IoRateMbPerSecond: 0);

    private readonly bool _ownsStateDir;

    public GateHarness(string? stateDir = null, FakeGatePlatform? platform = null, FakeReaderDatabase? database = null)
    {
        _ownsStateDir = stateDir is null;
        StateDir = stateDir ?? Directory.CreateTempSubdirectory("gate-ledger-").FullName;
        Platform = platform ?? new FakeGatePlatform();
        Database = database ?? new FakeReaderDatabase();
        Options = new GateControllerOptions { StateDir = StateDir, ControlPlaneInterval = TimeSpan.FromSeconds(5), WarmupRetryDelay = TimeSpan.FromSeconds(10) };
        Gate = new ClusterGate(Platform, Database, _ => Policy, Options, new MonotonicClock(Time), NullLogger.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    public string StateDir { get; }

    public FakeGatePlatform Platform { get; }

    public FakeReaderDatabase Database { get; }

    public GateControllerOptions Options { get; }

    public ClusterGate Gate { get; }

    public string Reason(string reader) => Gate.Snapshot.Readers.Single(r => r.Id == reader).Reason;

    /// <summary>One tick after <paramref name="seconds"/> of fake time; waits for warm-ups it started to finish (they are harvested by the next tick).</summary>
    public Task StepAsync() => TicksAsync(Gate, Time, 1);

    /// <summary>Ticks once a second for <paramref name="seconds"/>.</summary>
    public Task RunAsync(int seconds) => TicksAsync(Gate, Time, seconds);

    /// <summary>Ticks <paramref name="gate"/> once a second of <paramref name="time"/> for <paramref name="seconds"/>, each after the warm-ups it started.</summary>
    public static async Task TicksAsync(ClusterGate gate, FakeTimeProvider time, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await gate.StepAsync(CancellationToken.None);
            await gate.WarmupsIdleAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gate.DisposeAsync();
        if (_ownsStateDir)
        {
            Directory.Delete(StateDir, recursive: true);
        }
    }
}
