using System.Diagnostics;
using System.Net;
using System.Text;
using Resilience.LocalCluster.Cli;
using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>
/// The stuck double fault, on its own real cluster (ports 30900-30933, webhook on 30990): with a single
/// synchronous standby, losing it and then the primary leaves only an asynchronous replica, which Patroni
/// must not promote. Nothing is promoted silently: the no-safe-failover-candidate alarm fires within 10 s
/// (alarm log and webhook), status says why and how far behind the candidate is, and the explicit
/// <c>failover --accept-data-loss</c> promotes it and reports what it accepted; then the stack heals.
/// </summary>
public sealed class NoSafeFailoverCandidateTests(ITestOutputHelper output)
{
    private const int PortBase = 30900;
    private const int WebhookPort = 30990;
    private const string Stack = "stucktest";

    [Fact]
    public async Task Losing_the_only_synchronous_standby_and_the_primary_alarms_explains_and_needs_an_explicit_failover()
    {
        using var webhook = new WebhookRecorder(WebhookPort);
        await TemporaryStack.RunAsync(
            Stack,
            PortBase,
            yaml => yaml + $"  resilience:notifications:\n    webhookUrl: \"http://127.0.0.1:{WebhookPort}/hook/\"\n",
            options => options.SynchronousStandbys = 1, // one synchronous standby: losing it with the primary leaves no safe candidate
            output,
            controller => RunAsync(controller, webhook));
    }

    private async Task RunAsync(LocalClusterController controller, WebhookRecorder webhook)
    {
        await controller.UpAsync();
        // Patroni names its synchronous standby on its next loop after the replicas stream; the supervisor arms
        // alarms once the stack first reached its desired state.
        var steady = await Poll.UntilAsync(async () =>
        {
            var s = await controller.GetStatusAsync();
            var armed = Resilience.LocalCluster.Internal.Supervision.EventLog.Read(s.EventLogPath).Any(e => e.Kind == "alarms-armed");
            return armed && s.IsSteady && s.Members.Count(m => m is { Role: MemberRole.Replica, IsSynchronous: true }) == 1 ? s : null;
        }, TestTimeouts.Failover, "one synchronous standby and the alarms armed");
        var primary = steady.Primary!;
        var sync = Assert.Single(steady.Members, m => m is { Role: MemberRole.Replica, IsSynchronous: true });
        var asyncReplica = Assert.Single(steady.Members, m => m is { Role: MemberRole.Replica, IsSynchronous: false });
        await using var ledger = await WriteLedger.StartAsync(controller, "ledger_stuck");
        await ledger.WaitForAcksAsync(50, TestTimeouts.Failover);

        // The losses start 0.2 s apart (a kill returns only after deleting the member's data directory).
        var standbyLoss = Task.Run(() => controller.KillMemberAsync(sync.Name));
        await Task.Delay(TimeSpan.FromSeconds(0.2));
        var killedAt = Stopwatch.GetTimestamp();
        await Task.WhenAll(standbyLoss, controller.KillMemberAsync(primary.Name));

        var alarm = await Poll.UntilAsync(() => Task.FromResult(AlarmLog.ReadLog(steady.AlarmLogPath).FirstOrDefault(t => t.Alarm == NoSafeCandidateAlarm.Name && t.To == AlarmState.Alarm)),
            TimeSpan.FromSeconds(10), "the no-safe-failover-candidate alarm in the alarm log");
        output.WriteLine($"primary loss -> alarm in the log: {Elapsed.Seconds(killedAt, Stopwatch.GetTimestamp()):0.00} s: {alarm.Reason}");
        var posted = await Poll.UntilAsync(() => Task.FromResult(webhook.Bodies.FirstOrDefault(b => b.Contains(NoSafeCandidateAlarm.Name, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(5), "the alarm POSTed to the webhook");
        Assert.Matches("\"to\":\\s*\"alarm\"", posted);
        // Which words depend on whether the primary's last loop (within the 0.2 s) already struck the lost standby from /sync.
        Assert.Contains(primary.Name, alarm.Reason, StringComparison.Ordinal);
        Assert.Contains("Patroni promotes only a synchronous standby", alarm.Reason, StringComparison.Ordinal);

        var status = await controller.GetStatusAsync();
        Assert.Null(status.Primary); // nothing promoted silently
        var failover = Assert.IsType<FailoverAssessment>(status.Failover);
        Assert.False(failover.SafeCandidateExists);
        Assert.Equal(asyncReplica.Name, failover.BestCandidate);
        Assert.NotNull(failover.LeaderLastPosition);
        Assert.NotNull(failover.BytesBehind);
        Assert.Equal($"./localcluster failover --to {asyncReplica.Name} --accept-data-loss --stack {Stack}", failover.AcceptCommand);
        var text = new StringWriter();
        StatusTable.Write(text, status);
        output.WriteLine(text.ToString());
        Assert.Contains("no primary: no safe failover candidate: ", text.ToString(), StringComparison.Ordinal);
        Assert.Contains($"best candidate: {asyncReplica.Name} received ", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("the lost leader's last recorded position", text.ToString(), StringComparison.Ordinal);
        await Poll.UntilAsync(async () => (await controller.GetStatusAsync()).Alarms.Any(a => a is { Name: NoSafeCandidateAlarm.Name, State: AlarmState.Alarm }),
            TimeSpan.FromSeconds(5), "status listing the alarm in ALARM");
        Assert.Contains($"to promote it and accept that loss: ./localcluster failover --to {asyncReplica.Name} --accept-data-loss", text.ToString(), StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<LocalClusterException>(() => controller.FailoverAsync(asyncReplica.Name, acceptDataLoss: false));
        Assert.Equal(LocalClusterException.BadInput, refused.ExitCode);
        Assert.Contains("--accept-data-loss", refused.Message, StringComparison.Ordinal);
        Assert.Null((await controller.GetStatusAsync()).Primary);

        var accepted = await controller.FailoverAsync(asyncReplica.Name, acceptDataLoss: true);
        output.WriteLine(accepted.Describe());
        Assert.Equal(asyncReplica.Name, accepted.Member);
        Assert.NotNull(accepted.BytesLost);
        Assert.Contains($"Accepted data loss: {asyncReplica.Name} received ", accepted.Describe(), StringComparison.Ordinal);

        var healed = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        Assert.Equal(asyncReplica.Name, healed.Primary!.Name);
        Assert.Null(healed.Failover);
        await Poll.UntilAsync(() => Task.FromResult(AlarmLog.ReadLog(steady.AlarmLogPath).Any(t => t.Alarm == NoSafeCandidateAlarm.Name && t.To == AlarmState.Ok)),
            TimeSpan.FromSeconds(10), "the alarm back to OK");
        await ledger.StopAsync();
        var missing = await ledger.MissingAsync();
        output.WriteLine($"acknowledged writes {ledger.Acks.Count}, missing after the accepted loss {missing.Count}");
    }

    /// <summary>A loopback HTTP endpoint that records every POSTed body, as the spec's webhook.</summary>
    private sealed class WebhookRecorder : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<string> _bodies = [];
        private readonly Task _loop;

        public WebhookRecorder(int port)
        {
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public IReadOnlyList<string> Bodies
        {
            get
            {
                lock (_bodies)
                {
                    return [.. _bodies];
                }
            }
        }

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (_bodies)
                {
                    _bodies.Add(body);
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
