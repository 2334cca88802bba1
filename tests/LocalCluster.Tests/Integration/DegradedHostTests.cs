using System.Globalization;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Tests.TestSupport;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>
/// A sick host on the real cluster: every process of the member sits in a CPU cgroup, the kernel really throttles
/// it during the starved spells, and when the degradation is cancelled the cap, the group and the membership are
/// all gone. A replica is degraded, so the shared cluster's primary is left alone for the other tests.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class DegradedHostTests(SharedClusterFixture cluster)
{
    [Fact]
    public async Task Degrading_a_member_throttles_every_process_of_it_and_cancelling_lifts_it_all()
    {
        var controller = cluster.Controller;
        var status = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        var victim = status.Members.First(m => m.Role == MemberRole.Replica);
        var (root, _) = CpuCgroup.FindHierarchy();
        using var stop = new CancellationTokenSource();
        var degrading = controller.DegradeMemberAsync(victim.Name, new CpuStarvation { Starved = TimeSpan.FromSeconds(2), Cycle = TimeSpan.FromSeconds(3) }, stop.Token);
        string? group = null;
        try
        {
            group = await Poll.UntilAsync(
                () => Task.FromResult(Directory.EnumerateDirectories(Path.Combine(root, "resilience"), "*-" + victim.Name).FirstOrDefault()),
                TestTimeouts.Failover,
                "the member's CPU group");
            var members = await Poll.UntilAsync(
                () => Task.FromResult(File.ReadAllLines(Path.Combine(group, "cgroup.procs")) is { Length: > 0 } pids ? pids : null),
                TestTimeouts.Failover,
                "processes in the group");
            Assert.Contains(victim.PostgresPid!.Value.ToString(CultureInfo.InvariantCulture), members);
            Assert.Contains(victim.Pid!.Value.ToString(CultureInfo.InvariantCulture), members);

            // The kernel's own count of periods in which the group hit its cap: proof the cap bites, not only that it is set.
            await Poll.UntilAsync(() => Task.FromResult(Throttled(group) > 0), TestTimeouts.Failover, "throttled periods in cpu.stat");
        }
        finally
        {
            await stop.CancelAsync();
            await degrading;
        }

        Assert.False(Directory.Exists(group), $"{group} is left behind");
        Assert.DoesNotContain("resilience/", File.ReadAllText($"/proc/{victim.PostgresPid}/cgroup"), StringComparison.Ordinal);
        await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
    }

    private static long Throttled(string group)
    {
        foreach (var line in File.ReadAllLines(Path.Combine(group, "cpu.stat")))
        {
            var parts = line.Split(' ');
            if (parts[0] is "nr_throttled")
            {
                return long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
