using System.Diagnostics;
using EventLog = Resilience.LocalCluster.Internal.Supervision.EventLog;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>
/// Machine loss of a synchronous standby, on its own real cluster (ports 31900-31933): the supervisor's machine-loss
/// watch finds it and wakes the primary's Patroni (a no-op <c>PATCH /config</c>), which drops it from the synchronous
/// set, so commits stop waiting for it; Patroni's configuration is unchanged by the wake, the survivor is the
/// synchronous standby and no acknowledged write is lost. How short the stall is belongs to the benchmark
/// (<c>writeStallSeconds</c>); the longest gap is printed here.
/// </summary>
public sealed class SynchronousStandbyLossTests(ITestOutputHelper output)
{
    private const int PortBase = 31900;
    private const string Stack = "synctest";

    [Fact]
    public async Task A_lost_synchronous_standby_is_dropped_from_the_synchronous_set_at_once_and_no_write_is_lost()
    {
        await TemporaryStack.RunAsync(Stack, PortBase, yaml => yaml, _ => { }, output, RunAsync);
    }

    private async Task RunAsync(LocalClusterController controller)
    {
        await controller.UpAsync();
        var steady = await Poll.UntilAsync(async () =>
        {
            var s = await controller.GetStatusAsync();
            return s.IsSteady && s.Members.Count(m => m is { Role: MemberRole.Replica, IsSynchronous: true }) == 2 ? s : null;
        }, TestTimeouts.Failover, "both replicas synchronous");
        var primary = steady.Primary!;
        var victim = steady.Members.Last(m => m.Role == MemberRole.Replica);
        var survivor = Assert.Single(steady.Members, m => m.Role == MemberRole.Replica && m.Name != victim.Name);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var configBefore = await http.GetStringAsync(new Uri($"http://127.0.0.1:{primary.Ports.Patroni}/config"));
        await using var ledger = await WriteLedger.StartAsync(controller, "ledger_sync_loss");
        await ledger.WaitForAcksAsync(50, TestTimeouts.Failover);

        var killedAt = Stopwatch.GetTimestamp();
        await controller.KillMemberAsync(victim.Name);

        var lost = await Poll.UntilAsync(() => Task.FromResult(EventLog.Read(controller.EventLogPath).FirstOrDefault(e => e.Kind == "sync-standby-lost" && e.Member == victim.Name)),
            TestTimeouts.Short, "the supervisor's sync-standby-lost event");
        output.WriteLine($"{lost.At:HH:mm:ss.fff} {lost.Kind} {lost.Member}: {lost.Detail}");
        Assert.Contains(primary.Name, lost.Detail, StringComparison.Ordinal);
        await Poll.UntilAsync(async () =>
        {
            var s = await controller.GetStatusAsync();
            return s.FindMember(survivor.Name) is { IsSynchronous: true } && !s.Members.Any(m => m.Name != survivor.Name && m.IsSynchronous);
        }, TestTimeouts.Short, $"{survivor.Name} the only synchronous standby");
        var acksAtKill = ledger.Acks.Count(a => a.Timestamp <= killedAt);
        await ledger.WaitForAcksAsync(acksAtKill + 100, TestTimeouts.Short);
        await ledger.StopAsync();

        var after = ledger.Acks.Select(a => a.Timestamp).Order().SkipWhile(t => t <= killedAt).ToList();
        var gaps = after.Zip(after.Skip(1), (a, b) => Elapsed.Seconds(a, b)).Prepend(Elapsed.Seconds(killedAt, after[0]));
        output.WriteLine($"longest gap between acknowledged writes after the kill: {gaps.Max():0.000} s (a benchmark figure, not asserted)");
        Assert.Empty(await ledger.MissingAsync());
        Assert.Equal(configBefore, await http.GetStringAsync(new Uri($"http://127.0.0.1:{primary.Ports.Patroni}/config")));
    }
}
