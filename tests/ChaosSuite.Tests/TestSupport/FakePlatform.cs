using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>An in-memory platform: observations come from <see cref="Current"/>; every call is recorded.</summary>
public sealed class FakePlatform : IDatabasePlatform, IManagedPlatform, IPointInTimeRestore
{
    /// <summary>What <see cref="GetRestorableRangeAsync"/> answers; null: no backup yet.</summary>
    public RestorableRange? Backups { get; set; }

    public ClusterObservation Current { get; set; } = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"));

    public bool Running { get; set; } = true;

    /// <summary>When set, <see cref="ObserveAsync"/> throws this.</summary>
    public Exception? ObserveFailure { get; set; }

    /// <summary>When set, <see cref="ObserveAsync"/> waits for it (a slow platform).</summary>
    public Func<CancellationToken, Task>? ObserveDelay { get; set; }

    /// <summary>When set, <see cref="InjectAsync"/> throws this (after recording the call).</summary>
    public Exception? InjectFailure { get; set; }

    /// <summary>When set, <see cref="InjectAsync"/> reports this member as the one hit, whatever was asked (FIS's random pick).</summary>
    public string? HitsInstead { get; set; }

    public List<string> Calls { get; } = [];

    public int Observations { get; private set; }

    public string Kind => "fake";

    public string ServerIdentitySql => "inet_server_port()";

    public string StartCommandHint => "fake up";

    /// <summary>Every fault, unless a test declares fewer.</summary>
    public PlatformCapabilities Capabilities { get; set; } = new(
        Enum.GetValues<FaultKind>().ToDictionary(k => k, k => $"fake {FaultNames.Of(k)}"), TimeSpan.Zero, TimeSpan.FromSeconds(5));

    public Task<DatabaseAccess> ResolveAsync(CancellationToken cancellationToken)
    {
        Record("resolve");
        return Running
            ? Task.FromResult(new DatabaseAccess(new DatabaseEndpoint("127.0.0.1", 1), new DatabaseEndpoint("127.0.0.1", 2), "app", "app", PasswordProvider.Fixed("secret")))
            : throw new PlatformException("the fake cluster is not running; start it with: fake up");
    }

    public async Task<ClusterObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        if (ObserveDelay is not null)
        {
            await ObserveDelay(cancellationToken);
        }

        lock (Calls)
        {
            Observations++;
        }

        return ObserveFailure is null ? Current : throw ObserveFailure;
    }

    public async Task<InjectedFault> InjectAsync(FaultRequest request, CancellationToken cancellationToken)
    {
        await Record($"{FaultNames.Of(request.Kind)} {request.Member.Name}");
        return InjectFailure is null ? new InjectedFault(request.Kind, HitsInstead ?? request.Member.Name) : throw InjectFailure;
    }

    public Task LiftAsync(InjectedFault fault, CancellationToken cancellationToken) => Record($"lift {FaultNames.Of(fault.Kind)} {fault.Member}");

    public Task RestoreDesiredStateAsync(CancellationToken cancellationToken) => Record("restore");

    public async Task<RestorableRange?> GetRestorableRangeAsync(CancellationToken cancellationToken)
    {
        await Record("backups");
        return Backups;
    }

    public async Task<RestoredDatabase> RestoreCopyAsync(DateTimeOffset target, string name, CancellationToken cancellationToken)
    {
        await Record($"restore copy {name}");
        throw new PlatformException("the fake platform restores nothing");
    }

    public Task DropCopyAsync(string name, CancellationToken cancellationToken) => Record($"drop copy {name}");

    public Task RestoreStackAsync(CancellationToken cancellationToken) => Record("restore stack");

    public string RecoveryPointBound => "the fake archive";

    public Task<bool> IsRunningAsync(CancellationToken cancellationToken) => Task.FromResult(Running);

    public Task StartAsync(IProgress<string> progress, CancellationToken cancellationToken)
    {
        Running = true;
        return Record("start");
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Running = false;
        return Record("stop");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The calls so far, copied under the lock.</summary>
    public IReadOnlyList<string> CallsSoFar()
    {
        lock (Calls)
        {
            return [.. Calls];
        }
    }

    private Task Record(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }

        return Task.CompletedTask;
    }
}
