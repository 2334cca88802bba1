using Resilience.HealthProbes.GateController;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>The controller loop on a fake clock and fake platform calls: warm, open after minWarmSeconds, close on restart, stop or lag, never empty, recovers after its own crash.</summary>
public sealed class ClusterGateTests
{
    [Fact]
    public async Task AReaderAddedByAutoScalingJoinsOnlyOnceWarmForMinWarmSeconds()
    {
        await using var h = new GateHarness();
        h.Platform.Add("r1");
        h.Platform.Members.Add("r1");
        await h.RunAsync(2);
        Assert.Equal(["r1"], h.Platform.Members);
        Assert.Equal(1, h.Database.Warmups["r1"]); // adopted at first start, warmed again

        h.Platform.Add("application-autoscaling-0f1e");
        await h.RunAsync(6); // the next control-plane read finds it; it is warmed
        Assert.Equal(1, h.Database.Warmups["application-autoscaling-0f1e"]);
        Assert.Equal(["r1"], h.Platform.Members);
        Assert.StartsWith("warm for ", h.Reason("application-autoscaling-0f1e"));

        await h.RunAsync(8);
        Assert.Equal(["r1"], h.Platform.Members); // warm since the tick after its warm-up (t=7 s), but not yet for 10 s at t=16 s
        await h.RunAsync(2);
        Assert.Equal(["application-autoscaling-0f1e", "r1"], h.Platform.Members);
        Assert.Equal(2, h.Platform.Published[^1]);
        Assert.True(h.Gate.Snapshot.Readers.All(r => r.Open));
    }

    [Fact]
    public async Task ARestartedReaderLeavesAtOnceIsWarmedAgainAndReturnsAfterMinWarmSeconds()
    {
        await using var h = await TwoWarmReadersAsync();
        h.Database.Answers["r2"] = FakeReaderDatabase.Healthy(start: "2026-12-01 09:00:00+00");
        await h.StepAsync();
        Assert.Equal(["r1"], h.Platform.Members);
        Assert.Equal(1, h.Platform.Published[^1]);
        Assert.Equal(2, h.Database.Warmups["r2"]);

        await h.RunAsync(10);
        Assert.Equal(["r1"], h.Platform.Members);
        await h.RunAsync(2);
        Assert.Equal(["r1", "r2"], h.Platform.Members);
    }

    [Fact]
    public async Task AStoppedOrRebootingReaderLeavesAtOnceAndAReplacedOneIsCold()
    {
        await using var h = await TwoWarmReadersAsync();
        h.Platform.Set(h.Platform.Readers.Single(r => r.Id == "r2") with { Available = false, Status = "rebooting" });
        await h.RunAsync(5); // the control plane is read every 5 s: the reboot is seen at the next read
        Assert.Equal(["r1"], h.Platform.Members);
        Assert.Equal("database not answering: status rebooting", h.Reason("r2"));

        // Back under the same name but a new resource id (a replacement): cold, whatever its server start says.
        h.Platform.Set(h.Platform.Readers.Single(r => r.Id == "r2") with { Available = true, Status = "available", Incarnation = "db-new" });
        await h.RunAsync(5);
        Assert.Equal(2, h.Database.Warmups["r2"]);
        Assert.Equal(["r1"], h.Platform.Members);
    }

    [Fact]
    public async Task LagPastTheGraceRemovesAReaderAndOneSlowSampleDoesNot()
    {
        await using var h = await TwoWarmReadersAsync();
        h.Database.Answers["r2"] = FakeReaderDatabase.Healthy(lag: 4);
        await h.RunAsync(2);
        Assert.Equal(["r1", "r2"], h.Platform.Members);
        await h.RunAsync(2);
        Assert.Equal(["r1"], h.Platform.Members);
        Assert.StartsWith("lag 4.0 s > 1 s", h.Reason("r2"));
    }

    [Fact]
    public async Task TheEndpointIsNeverLeftEmptyAndTheAlarmSaysWhy()
    {
        await using var h = await TwoWarmReadersAsync();
        h.Database.Answers["r1"] = FakeReaderDatabase.Healthy(start: "2026-12-01 10:00:00+00", lag: 0.5);
        h.Database.Answers["r2"] = FakeReaderDatabase.Healthy(start: "2026-12-01 10:00:00+00", lag: 0.2);
        await h.StepAsync();
        Assert.Equal(["r2"], h.Platform.Members); // both restarted: the least-lagged one stays
        Assert.Equal(0, h.Platform.Published[^1]);
        Assert.Contains("no reader is warm: keeping the least-lagged serving reader r2", h.Gate.Alarm);

        h.Database.Answers["r1"] = ReaderObservation.NoAnswer("connection refused");
        h.Database.Answers["r2"] = ReaderObservation.NoAnswer("connection refused");
        await h.StepAsync();
        Assert.Equal(["r2"], h.Platform.Members);
        Assert.Equal("no reader answers: the members are left as they are", h.Gate.Alarm);

        h.Database.Answers["r1"] = FakeReaderDatabase.Healthy(start: "2026-12-01 10:00:00+00");
        h.Database.Answers["r2"] = FakeReaderDatabase.Healthy(start: "2026-12-01 10:00:00+00");
        await h.RunAsync(12);
        Assert.Null(h.Gate.Alarm);
        Assert.Equal(["r1", "r2"], h.Platform.Members);
        Assert.All(h.Platform.MemberChanges, m => Assert.NotEmpty(m));
    }

    [Fact]
    public async Task AReaderThatNeverWarmsStaysOutSaysWhyAndIsRetriedAtItsPace()
    {
        await using var h = await TwoWarmReadersAsync();
        h.Database.FailingWarmups["r3"] = "permission denied for table data";
        h.Platform.Add("r3");
        await h.RunAsync(30);
        Assert.Equal(["r1", "r2"], h.Platform.Members);
        Assert.Contains("warm-up failed: permission denied for table data", h.Reason("r3"));
        Assert.InRange(h.Database.Warmups["r3"], 2, 3); // every 10 s (the retry delay), not every tick
    }

    [Fact]
    public async Task ARestartedControllerKeepsWarmReadersAndNoticesARestartThatHappenedWhileItWasDown()
    {
        var stateDir = Directory.CreateTempSubdirectory("gate-ledger-").FullName;
        try
        {
            var platform = new FakeGatePlatform();
            var database = new FakeReaderDatabase();
            await using (var first = new GateHarness(stateDir, platform, database))
            {
                platform.Add("r1");
                platform.Add("r2");
                platform.Members.Add("r2");
                await first.RunAsync(14);
                Assert.Equal(["r1", "r2"], platform.Members);
            }

            database.Answers["r2"] = FakeReaderDatabase.Healthy(start: "2026-12-01 11:00:00+00");
            var changes = platform.MemberChanges.Count;
            await using var second = new GateHarness(stateDir, platform, database);
            await second.StepAsync();
            Assert.Equal(["r1"], platform.Members);
            Assert.Equal(changes + 1, platform.MemberChanges.Count);
            Assert.True(second.Gate.Snapshot.Readers.Single(r => r.Id == "r1").Open);
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task AMemberThatDoesNotAnswerWhenTheControllerStartsIsNotAdoptedButWarmedLikeANewReader()
    {
        await using var h = new GateHarness();
        h.Platform.Add("r1");
        h.Platform.Add("r2");
        h.Platform.Members.AddRange(["r1", "r2"]);
        h.Database.Answers["r1"] = ReaderObservation.NoAnswer("connection refused");
        await h.StepAsync();
        Assert.Equal(["r2"], h.Platform.Members); // r2 adopted; r1 out at once
        Assert.Equal(1, h.Platform.Published[^1]);

        // Back (after a reboot, say): no baseline was taken, so it is cold. Until a warm-up succeeds it stays out...
        h.Database.Answers["r1"] = FakeReaderDatabase.Healthy(start: "2026-12-01 09:30:00+00");
        h.Database.FailingWarmups["r1"] = "permission denied for table data";
        await h.RunAsync(15);
        Assert.Equal(["r2"], h.Platform.Members);
        Assert.Contains("warm-up failed: permission denied for table data", h.Reason("r1"));

        // ...and joins minWarmSeconds after one did (the next try is 10 s after the last failure, at t = 24 s).
        h.Database.FailingWarmups.Clear();
        await h.RunAsync(8);
        Assert.Equal(["r2"], h.Platform.Members);
        await h.RunAsync(12);
        Assert.Equal(["r1", "r2"], h.Platform.Members);
    }

    [Fact]
    public async Task TheControlPlaneIsReadAtItsPaceAndLessOftenWhenItThrottles()
    {
        await using var h = new GateHarness();
        h.Platform.Add("r1");
        await h.RunAsync(60);
        Assert.InRange(h.Platform.Reads, 11, 13); // every 5 s, though the readers are observed every second

        var before = h.Platform.Reads;
        h.Platform.Failing = (new GatePlatformException("DescribeDBClusters in eu-west-1: Throttling: Rate exceeded", throttled: true), 3);
        await h.RunAsync(75);
        // Throttled reads wait 10, 20, 40 s; then every 5 s again.
        var reads = h.Platform.Reads - before;
        Assert.InRange(reads, 3, 5);
    }

    private static async Task<GateHarness> TwoWarmReadersAsync()
    {
        var h = new GateHarness();
        h.Platform.Add("r1");
        h.Platform.Add("r2");
        await h.RunAsync(12);
        Assert.Equal(["r1", "r2"], h.Platform.Members);
        return h;
    }
}
