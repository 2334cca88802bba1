using Npgsql;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>
/// The supervisor's autoscaling on its own real cluster (ports 31500-31533): CPU load on the only reader scales the group
/// out, the new member joins warm and serves reads, and once the load stops the group scales back in, the extra member
/// leaving cleanly (out of the read endpoint, its processes gone, its ports free), with no acknowledged write lost.
/// A copy of the local stack with a 1..2 reader group and a short target-tracking policy, so the test takes minutes.
/// </summary>
public sealed class AutoscalingTests(ITestOutputHelper output)
{
    private const int PortBase = 31500;
    private const string Stack = "autoscaletest";
    private const string Group = "readers";

    // One looping CPU-bound query keeps the reader near 100 % of a core; an idle member (Patroni, PostgreSQL,
    // HealthProbes polling) stays well under half the target, so the group scales in once the load stops.
    private const int TargetCpuPercent = 30;

    [Fact]
    public async Task Cpu_load_scales_the_readers_out_warm_and_back_in_cleanly_without_losing_a_write()
    {
        await TemporaryStack.RunAsync(
            Stack,
            PortBase,
            yaml => TemporaryStack.Edit(
                TemporaryStack.Edit(yaml, "min: 1\n        desired: 2\n        max: 3", "min: 1\n        desired: 1\n        max: 2"),
                "targetCpuPercent: 70\n        sustainSeconds: 30",
                $"targetCpuPercent: {TargetCpuPercent}\n        sustainSeconds: 3\n        scaleInCooldownSeconds: 5"),
            options => options.AutomaticBackups = false, // not under test; keeps the machine's CPU for the load
            output,
            RunAsync);

        Assert.Empty(StackProcesses.Running(SharedClusterFixture.StateDirFor(PortBase)));
        Assert.Empty(StackProcesses.ListeningPorts(PortBase, PortBase + 33));
    }

    private async Task RunAsync(LocalClusterController controller)
    {
        var first = await controller.UpAsync();
        var reader = Assert.Single(first.Members, m => m.Group == Group);
        await using var ledger = await WriteLedger.StartAsync(controller, "ledger_autoscale");
        await ledger.WaitForAcksAsync(20, TestTimeouts.Failover);

        // Scale out: load the reader until the supervisor adds a member, then until that member serves reads.
        MemberStatus? added;
        var coldButRouted = new List<string>();
        await using (var load = CpuLoad.Start(controller))
        {
            added = await Poll.UntilAsync(async () =>
            {
                var s = await controller.GetStatusAsync();
                var newcomer = s.Members.FirstOrDefault(m => m.Group == Group && m.Name != reader.Name);
                if (newcomer is { InReadEndpoint: true, GateOpen: false })
                {
                    coldButRouted.Add($"{newcomer.Name} at {s.ObservedAt:O}");
                }

                return newcomer is { GateOpen: true, InReadEndpoint: true } ? newcomer : null;
            }, TestTimeouts.Replacement, "a second reader, warm and in the read endpoint");
            output.WriteLine($"scaled out: {added.Name} warm and in the read endpoint; load ran {load.Queries} queries, {load.Failures} failed");
        }

        var events = EventLog.Read(first.EventLogPath);
        Assert.Contains(events, e => e.Kind == "scaled-out" && e.Group == Group);
        Assert.Empty(coldButRouted); // the read endpoint never routed to the member before its gate opened
        var servedBy = await ReadPortsAsync(controller, reads: 20);
        Assert.Contains(added.Ports.Postgres, servedBy); // round robin over both readers: the newcomer really serves reads

        // Scale in: with the load gone the group's CPU falls under half the target and the extra member is removed.
        var removed = await Poll.UntilAsync(async () =>
        {
            var s = await controller.GetStatusAsync();
            var members = s.Members.Where(m => m.Group == Group).ToList();
            return members.Count == 1 && s.IsSteady ? s : null;
        }, TestTimeouts.Replacement, "the readers back to one member, steady");
        var gone = first.Members.Concat([added]).Single(m => m.Group == Group && removed.FindMember(m.Name) is null);
        output.WriteLine($"scaled in: {gone.Name} removed, {removed.Members.Single(m => m.Group == Group).Name} left");

        events = EventLog.Read(first.EventLogPath);
        Assert.Contains(events, e => e.Kind == "scaled-in" && e.Group == Group);
        var removing = Assert.Single(events, e => e.Kind == "member-removing" && e.Member == gone.Name);
        var forgotten = Assert.Single(events, e => e.Kind == "member-removed" && e.Member == gone.Name);
        Assert.True(removing.At <= forgotten.At);
        Assert.DoesNotContain(events, e => e.Kind == "member-lost"); // a graceful stop, not a loss
        Assert.All(new[] { gone.Pid, gone.PostgresPid, gone.ProbePid }.OfType<int>(), pid => Assert.True(ProcFs.Stat(pid) is null or { HasExited: true }, $"pid {pid} of {gone.Name} still runs"));
        Assert.All(new[] { gone.Ports.Postgres, gone.Ports.Patroni, gone.Ports.Probe }, port => Assert.True(PortAvailability.IsFree(port), $"port {port} of {gone.Name} still in use"));
        Assert.DoesNotContain(gone.Ports.Postgres, await ReadPortsAsync(controller, reads: 10));

        await ledger.StopAsync();
        var missing = await ledger.MissingAsync();
        output.WriteLine($"acknowledged writes {ledger.Acks.Count}, failed attempts {ledger.Failures}, missing {missing.Count}");
        Assert.Empty(missing);
    }

    /// <summary>The server port of each of <paramref name="reads"/> reads, each on a new connection through the read endpoint; every read must succeed.</summary>
    private static async Task<IReadOnlyList<int>> ReadPortsAsync(LocalClusterController controller, int reads)
    {
        var cs = new NpgsqlConnectionStringBuilder(controller.GetCredentials().ConnectionString(controller.ReadEndpoint)) { Pooling = false, Timeout = 5 }.ConnectionString;
        var ports = new List<int>();
        for (var i = 0; i < reads; i++)
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT inet_server_port()", conn);
            ports.Add((int)(await cmd.ExecuteScalarAsync())!);
        }

        return ports;
    }

    /// <summary>One connection through the read endpoint running a CPU-bound query in a loop until disposed.</summary>
    private sealed class CpuLoad : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public int Queries { get; private set; }

        public int Failures { get; private set; }

        public static CpuLoad Start(LocalClusterController controller)
        {
            var load = new CpuLoad();
            var cs = new NpgsqlConnectionStringBuilder(controller.GetCredentials().ConnectionString(controller.ReadEndpoint)) { Timeout = 5, CommandTimeout = 30 }.ConnectionString;
            load._loop = Task.Run(() => load.RunAsync(cs));
            return load;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }

        private async Task RunAsync(string connectionString)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await using var conn = new NpgsqlConnection(connectionString);
                    await conn.OpenAsync(_stop.Token);
                    while (!_stop.IsCancellationRequested)
                    {
                        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 3000000)", conn);
                        await cmd.ExecuteScalarAsync(_stop.Token);
                        Queries++;
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
                {
                    Failures++;
                    try
                    {
                        await Task.Delay(200, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }
}
