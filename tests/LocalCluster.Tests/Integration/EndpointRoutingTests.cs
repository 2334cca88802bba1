using System.Diagnostics;
using System.Net;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>
/// The two endpoints' rules on a real cluster of their own (ports 31850-31883): the write endpoint follows the leader
/// lock, not Patroni's REST API, so a primary whose Patroni stops answering keeps its writes; the read endpoint drops a
/// replica the moment its gate closes, so nobody can see the gate closed while HAProxy still routes reads to it.
/// </summary>
public sealed class EndpointRoutingTests(ITestOutputHelper output)
{
    private const int PortBase = 31850;
    private const string Stack = "routingtest";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(1) };

    [Fact]
    public Task A_primary_whose_patroni_stops_answering_keeps_the_write_endpoint() =>
        TemporaryStack.RunAsync(Stack, PortBase, yaml => yaml, options => options.AutomaticBackups = false, output, async controller =>
        {
            await controller.UpAsync();
            var primary = (await controller.WaitForSteadyAsync(TestTimeouts.Replacement)).Primary!;
            await using var ledger = await WriteLedger.StartAsync(controller, "ledger_routing");
            await ledger.WaitForAcksAsync(20, TestTimeouts.Failover);

            // Patroni stopped (SIGSTOP) for 3 s, under its ttl of 6 s: it keeps the leader lock, its REST API answers nothing,
            // as under the overload that stalled it for 8 s; PostgreSQL itself runs on.
            var frozenFor = TimeSpan.FromSeconds(3);
            var patroniPid = primary.Pid!.Value;
            var stoppedAt = Stopwatch.GetTimestamp();
            var routings = new List<IReadOnlyList<string>>();
            Assert.True(Libc.Signal(patroniPid, Libc.SigStop));
            try
            {
                await Assert.ThrowsAnyAsync<Exception>(() => Http.GetAsync(new Uri($"http://127.0.0.1:{primary.Ports.Patroni}/primary")));
                while (Stopwatch.GetElapsedTime(stoppedAt) < frozenFor)
                {
                    routings.Add((await controller.GetEndpointRoutingAsync()).Write);
                    await Task.Delay(50);
                }
            }
            finally
            {
                Libc.Signal(patroniPid, Libc.SigCont);
            }

            var resumedAt = Stopwatch.GetTimestamp();
            await ledger.WaitForAcksAsync(ledger.Acks.Count + 20, TestTimeouts.Failover);
            Assert.All(routings, write => Assert.Equal([primary.Name], write));
            var during = ledger.Acks.Where(a => a.Timestamp > stoppedAt && a.Timestamp < resumedAt).ToList();
            output.WriteLine($"{during.Count} writes acknowledged while Patroni was stopped; {routings.Count} routing samples, every one to {primary.Name}");
            Assert.True(during.Count >= 10, $"only {during.Count} writes acknowledged while Patroni was stopped");
            Assert.All(during, a => Assert.Equal(primary.Ports.Postgres, a.ServerPort));
        });

    [Fact]
    public Task After_a_primary_loss_no_replica_is_seen_with_its_gate_closed_while_reads_still_reach_it() =>
        TemporaryStack.RunAsync(Stack, PortBase, yaml => yaml, options => options.AutomaticBackups = false, output, async controller =>
        {
            await controller.UpAsync();
            var before = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
            var replicas = before.WarmReplicas;
            Assert.NotEmpty(replicas);

            await controller.KillMemberAsync(before.Primary!.Name);
            var killedAt = Stopwatch.GetTimestamp();
            var closedSeen = 0;
            var violations = new List<string>();
            while (Stopwatch.GetElapsedTime(killedAt) < TimeSpan.FromSeconds(10))
            {
                foreach (var replica in replicas)
                {
                    var (status, reason) = await ReadyAsync(replica.Ports.Probe);
                    // A closed gate is pushed to HAProxy by the probe loop that closes it; an answer made stale by a stuck
                    // observation is not a transition of the loop, so it is not judged here.
                    if (status != HttpStatusCode.ServiceUnavailable || reason.StartsWith("database not answering", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    closedSeen++;
                    if ((await controller.GetEndpointRoutingAsync()).Read.Contains(replica.Name))
                    {
                        violations.Add($"{Stopwatch.GetElapsedTime(killedAt).TotalSeconds:0.000} s: {replica.Name} closed ({reason}) but in the read endpoint");
                    }
                }
            }

            output.WriteLine($"{closedSeen} closed-gate answers seen in 10 s after the primary's loss; {violations.Count} while still routed");
            Assert.True(closedSeen > 0, "no replica's gate closed after the primary's loss: nothing was checked");
            Assert.Empty(violations);
            await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        });

    private static async Task<(HttpStatusCode Status, string Reason)> ReadyAsync(int probePort)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{probePort}/health/ready"));
            var body = await response.Content.ReadAsStringAsync();
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            return (response.StatusCode, doc.RootElement.GetProperty("reason").GetString() ?? "");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return (HttpStatusCode.ServiceUnavailable, "database not answering: probe unreachable");
        }
    }
}
