using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>The supervisor killed while it replaces a member, started again by <c>up</c>: it converges, without duplicates.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class SupervisorRestartTests(SharedClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Supervisor_killed_mid_replacement_converges_after_it_is_started_again()
    {
        var controller = cluster.Controller;
        var before = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        var victim = before.WarmReplicas[0];
        var supervisorPid = before.SupervisorPid!.Value;

        await controller.KillMemberAsync(victim.Name);
        var replacement = await Poll.UntilAsync(
            () => Task.FromResult(EventLog.Read(controller.EventLogPath).LastOrDefault(e => e.Kind == "member-created" && before.FindMember(e.Member!) is null)?.Member),
            TestTimeouts.Replacement,
            "the supervisor creating a replacement");
        var during = await controller.GetStatusAsync();
        Assert.False(during.FindMember(replacement)?.GateOpen ?? false, "the replacement must still be warming when the supervisor dies");

        using (var supervisor = System.Diagnostics.Process.GetProcessById(supervisorPid))
        {
            supervisor.Kill();
        }

        await Poll.UntilAsync(() => Task.FromResult(!controller.IsRunning), TestTimeouts.ReaderRemoval, "the supervisor gone");
        output.WriteLine($"supervisor {supervisorPid} killed while {replacement} was being created");

        var after = await controller.UpAsync();

        Assert.NotEqual(supervisorPid, after.SupervisorPid);
        Assert.Equal(before.Members.Count, after.Members.Count);
        Assert.NotNull(after.FindMember(replacement));
        Assert.Null(after.FindMember(victim.Name));
        Assert.All(after.Groups, g => Assert.Equal(g.Desired, g.Members));

        // Exactly one Patroni per member: nothing was started twice.
        var patronis = StackProcesses.Running(controller.StateDir).Count(p => p.Contains("/usr/bin/patroni ", StringComparison.Ordinal));
        Assert.Equal(after.Members.Count, patronis);
        Assert.All(after.Members, m => Assert.True(m.Pid is { } pid && ProcessHandle.Of(pid) is not null));
    }
}
