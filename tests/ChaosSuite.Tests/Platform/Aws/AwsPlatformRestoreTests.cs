using Resilience.AwsStandIn;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Aws;
using Resilience.ChaosSuite.Scenarios;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>
/// The restore drills on Aurora against the AWS stand-in (ports 31010-31019, the restore drills' range): the copy is a
/// point-in-time clone of the cell's cluster with one instance, and it is deleted afterwards, also when the restore is
/// refused or interrupted. Not run against AWS: docs/restore-drills.md says what was not.
/// </summary>
public sealed class AwsPlatformRestoreTests
{
    private const string Copy = "drill-table-corruption";
    private static readonly AuroraPointInTimeRestoreOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(50), WindowWait = TimeSpan.FromSeconds(20), DeleteTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task The_copy_is_a_clone_of_the_cluster_with_one_instance_of_the_writer_s_class_and_is_deleted_afterwards()
    {
        await using var stack = new AwsStandInStack(31010);
        stack.StandIn.OnRestore = _ => Task.FromResult(("127.0.0.1", 31019));
        await using var platform = Platform(stack);
        var ct = CancellationToken.None;

        var range = await platform.GetRestorableRangeAsync(ct);
        var target = stack.StandIn.Time.GetUtcNow().AddSeconds(-10);
        Assert.True(range!.From < target && range.To >= target);
        var copy = await platform.RestoreCopyAsync(target, Copy, ct);

        Assert.Equal(new DatabaseEndpoint("127.0.0.1", 31019), copy.Endpoint);
        Assert.Equal(target, copy.Target);
        Assert.NotNull(copy.Password); // its own: an IAM token is signed for one host
        var restore = Assert.Single(stack.StandIn.Restores);
        Assert.Equal(("staging-eu-1-drill-table-corruption", stack.Cluster.Id, "copy-on-write"), (restore.ClusterId, restore.SourceId, restore.Form["RestoreType"]));
        lock (stack.StandIn.Gate)
        {
            var clone = stack.StandIn.Clusters.Single(c => c.Id == restore.ClusterId);
            var instance = Assert.Single(clone.Instances);
            Assert.Equal(("staging-eu-1-drill-table-corruption-1", stack.Cluster.Instances[0].InstanceClass, "available"), (instance.Id, instance.InstanceClass, instance.Status));
            Assert.Equal(Copy, clone.Tags["resilience:restore-drill"]);
            Assert.Equal("staging", clone.Tags["resilience:stack"]);
        }

        await platform.DropCopyAsync(Copy, ct);
        await platform.DropCopyAsync(Copy, ct); // nothing left: a second drop is a no-op
        lock (stack.StandIn.Gate)
        {
            Assert.Equal([stack.Cluster.Id], stack.StandIn.Clusters.Select(c => c.Id));
        }
    }

    [Fact]
    public async Task Aurora_offers_the_table_drill_and_refuses_to_lose_its_own_cluster_in_one_line()
    {
        await using var stack = new AwsStandInStack(31011);
        await using var platform = Platform(stack);

        Assert.All(ScenarioCatalog.Create("table-corruption")!.RequiredFaults, f => Assert.True(platform.Capabilities.CanInject(f)));
        Assert.False(platform.Capabilities.CanInject(FaultKind.ClusterLoss));
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.RestoreStackAsync(CancellationToken.None));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("would delete the stack's own cluster", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_the_window_has_not_reached_yet_is_waited_for()
    {
        await using var stack = new AwsStandInStack(31012);
        stack.StandIn.RestorableLag = TimeSpan.FromSeconds(1);
        await using var platform = Platform(stack);
        var target = stack.StandIn.Time.GetUtcNow();

        var copy = await platform.RestoreCopyAsync(target, Copy, CancellationToken.None);

        Assert.Equal(target.ToUnixTimeMilliseconds(), Assert.Single(stack.StandIn.Restores).Target.ToUnixTimeMilliseconds());
        Assert.True(copy.PlatformSeconds >= 0.9, $"restored after {copy.PlatformSeconds:0.00} s, before the window reached the target");
        await platform.DropCopyAsync(Copy, CancellationToken.None);
    }

    [Theory]
    [InlineData("before the window", -2)]
    [InlineData("a window that never reaches it", 0)]
    public async Task A_target_outside_the_window_is_one_line_and_nothing_is_created(string what, int days)
    {
        await using var stack = new AwsStandInStack(31013);
        stack.StandIn.RestorableLag = TimeSpan.FromMinutes(10);
        await using var platform = new AwsPlatform(stack.Spec, stack.StackFile, stack.Options()) { RestoreOptions = new() { PollInterval = TimeSpan.FromMilliseconds(50), WindowWait = TimeSpan.FromMilliseconds(300) } };

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.RestoreCopyAsync(stack.StandIn.Time.GetUtcNow().AddDays(days), Copy, CancellationToken.None));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(days < 0 ? "is before cluster staging-eu-1's earliest restorable time" : "did not reach", e.Message, StringComparison.Ordinal);
        Assert.True(stack.StandIn.Restores.Count == 0, what);
    }

    [Fact]
    public async Task Interrupted_while_the_clone_is_created_the_clone_and_its_instance_are_deleted()
    {
        await using var stack = new AwsStandInStack(31014);
        var release = new TaskCompletionSource<(string, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.StandIn.OnRestore = _ => release.Task; // the clone stays "creating" until released
        await using var platform = Platform(stack);
        using var interrupt = new CancellationTokenSource();

        var restoring = platform.RestoreCopyAsync(stack.StandIn.Time.GetUtcNow().AddSeconds(-5), Copy, interrupt.Token);
        while (!stack.StandIn.Requests.Any(r => r.Operation == "CreateDBInstance"))
        {
            Assert.False(restoring.IsCompleted, "the restore ended before its instance was asked for");
            await Task.Delay(20);
        }

        await interrupt.CancelAsync();
        // RDS refuses to delete a cluster that is still being created; the drill retries until it can.
        while (!stack.StandIn.Exchanges.Any(x => x.Request.Operation == "DeleteDBCluster" && x.Status == 400))
        {
            await Task.Delay(20);
        }

        release.SetResult(("127.0.0.1", 31019));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restoring);
        lock (stack.StandIn.Gate)
        {
            Assert.Equal([stack.Cluster.Id], stack.StandIn.Clusters.Select(c => c.Id));
        }
    }

    private static AwsPlatform Platform(AwsStandInStack stack) => new(stack.Spec, stack.StackFile, stack.Options()) { RestoreOptions = Fast };
}
