using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// Runs a <see cref="CpuStarvation"/> pattern on one member's processes through a CPU cgroup until cancelled, and
/// always lifts it: the cap is removed and the processes are moved back even when the caller is cancelled or fails.
/// </summary>
internal sealed class HostDegradation(ClusterEnvironment env)
{
    public async Task RunAsync(ClusterState state, MemberRecord member, CpuStarvation pattern, CancellationToken ct)
    {
        var host = new MemberHost(env, state);
        var group = CpuCgroup.Open(CpuCgroup.FindHierarchy(), GroupName(state, member.Name));
        try
        {
            while (true)
            {
                // Every process of the member's tree, every cycle: a child forked before it was moved stays where it
                // was (PostgreSQL's background workers, walsenders, the backends of pooled connections), and Patroni
                // may have restarted PostgreSQL meanwhile (a new postmaster is not a child of the old one).
                group.Add(ProcFs.Tree(host.Roots(member, scanForPostmasters: true)).Select(p => p.Pid));
                group.Cap(pattern.ShareOfOneCore);
                await Task.Delay(pattern.Starved, env.Time, ct);
                group.Cap(null);
                await Task.Delay(pattern.Cycle - pattern.Starved, env.Time, ct);
            }
        }
        finally
        {
            group.Release();
        }
    }

    /// <summary>
    /// Lifts every cap left on the stack's members, or on <paramref name="member"/> only (a degrading process that
    /// was killed cannot lift its own); returns how many were lifted.
    /// </summary>
    public static int ReleaseLeftovers(ClusterState state, string? member = null)
    {
        (string Root, bool V2) hierarchy;
        try
        {
            hierarchy = CpuCgroup.FindHierarchy();
        }
        catch (LocalClusterException)
        {
            return 0; // nothing can have been capped here
        }

        var prefix = StackPrefix(state);
        var groups = CpuCgroup.Existing(hierarchy, member is null ? prefix : GroupName(state, member)).Where(g => member is null || Path.GetFileName(g.Path) == GroupName(state, member)).ToList();
        groups.ForEach(g => g.Release());
        return groups.Count;
    }

    /// <summary>
    /// The member's group: the stack's name and port base, then the member. Two stacks of the same name (a test's copy
    /// beside the real one) never share a group, since no two running stacks share ports; and the name does not follow
    /// Patroni's scope, which a restore of the whole stack changes while a cap may still be left from before.
    /// </summary>
    internal static string GroupName(ClusterState state, string member) => StackPrefix(state) + member;

    // Ends with '-' after the port base, so a stack on port base 2540 never matches one on 25400.
    private static string StackPrefix(ClusterState state) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"resilience-{state.Stack}-{state.PortBase}-");
}
