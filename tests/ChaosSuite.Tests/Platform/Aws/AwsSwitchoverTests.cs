using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>
/// The planned switchover on Aurora against the stand-in (RDS's part only; AwsEndToEndTests runs it on real PostgreSQL):
/// FailoverDBCluster with the target named, the target chosen among warm readers, completion read from RDS, refusals in one line.
/// </summary>
public sealed class AwsSwitchoverTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task NamingTheWriterSwitchesOverToTheWarmReaderOfTheHighestPromotionTier()
    {
        await using var stack = new AwsStandInStack();
        lock (stack.StandIn.Gate)
        {
            // readers-2 sorts after readers-1 by name; only its tier can make it the choice.
            stack.Cluster.Instances.Single(i => i.Id == "staging-eu-1-readers-1").PromotionTier = 2;
        }

        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Primary!), None);

        Assert.Equal("staging-eu-1-readers-2", fault.Member);
        var call = Assert.Single(stack.StandIn.Requests, r => r.Operation == "FailoverDBCluster");
        Assert.Equal("staging-eu-1", call.Form["DBClusterIdentifier"]);
        Assert.Equal("staging-eu-1-readers-2", call.Form["TargetDBInstanceIdentifier"]);
        Assert.Empty(stack.StandIn.Experiments);
        lock (stack.StandIn.Gate)
        {
            Assert.Equal("staging-eu-1-readers-2", stack.Cluster.Instances.Single(i => i.IsWriter).Id);
        }

        // Completion was read from RDS after the call, not assumed from the call's answer.
        Assert.Contains(stack.StandIn.Requests.SkipWhile(r => r.Operation != "FailoverDBCluster"), r => r.Operation == "DescribeDBClusters");
    }

    [Fact]
    public async Task ANamedWarmReaderIsTheTargetAndAColdOneIsRefusedInOneLineWithNothingCalled()
    {
        await using var stack = new AwsStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.Cluster.Endpoints.Single(e => e.Type == "CUSTOM").StaticMembers.Remove("staging-eu-1-readers-2");
        }

        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        Assert.False(observation.Find("staging-eu-1-readers-2")!.CanSuffer(FaultKind.Switchover));
        Assert.True(observation.Find("staging-eu-1-readers-1")!.CanSuffer(FaultKind.Switchover));
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Find("staging-eu-1-readers-2")!), None));
        OneLine.Mentions(e, "staging-eu-1-readers-2", "not in the warm-readers endpoint");
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Operation == "FailoverDBCluster");

        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Find("staging-eu-1-readers-1")!), None);
        Assert.Equal("staging-eu-1-readers-1", fault.Member);
        Assert.Equal("staging-eu-1-readers-1", Assert.Single(stack.StandIn.Requests, r => r.Operation == "FailoverDBCluster").Form["TargetDBInstanceIdentifier"]);
    }

    [Fact]
    public async Task ASwitchoverRdsNeverCompletesFailsInOneLineAfterItsTimeout()
    {
        await using var stack = new AwsStandInStack();
        // RDS accepts the call, then the cluster stays failing-over with the old writer.
        stack.StandIn.Database = new HangingFailover();
        var options = stack.Options();
        options.SwitchoverTimeout = TimeSpan.FromSeconds(3);
        await using var platform = new Resilience.ChaosSuite.Platform.Aws.AwsPlatform(stack.Spec, stack.StackFile, options);
        var observation = await platform.ObserveAsync(None);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Primary!), None));
        OneLine.Mentions(e, "switchover of cluster staging-eu-1 to staging-eu-1-readers-1 not complete after 3 s", "RDS: cluster failing-over, writer staging-eu-1-writer");
        lock (stack.StandIn.Gate)
        {
            Assert.Equal("failing-over", stack.Cluster.Status);
        }
    }

    [Fact]
    public async Task TheDoubleFaultGuardRefusesASwitchoverWhileAnInstanceIsNotAvailable()
    {
        await using var stack = new AwsStandInStack();
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        lock (stack.StandIn.Gate)
        {
            stack.Cluster.Instances.Single(i => i.Id == "staging-eu-1-readers-2").Status = "rebooting";
        }

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Primary!), None));
        OneLine.Mentions(e, "double-fault guard", "staging-eu-1-readers-2 is rebooting");
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Operation == "FailoverDBCluster");
    }

    private sealed class HangingFailover : AwsStandIn.IStandInDatabase
    {
        public Task RebootAsync(string instanceIdentifier, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

        public Task FailOverAsync(string clusterIdentifier, string targetInstanceIdentifier, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
