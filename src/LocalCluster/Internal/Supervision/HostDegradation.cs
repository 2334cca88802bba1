using Resilience.LocalCluster.Internal.Posix;
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
        var group = CpuCgroup.Open(CpuCgroup.FindHierarchy(), GroupName(state.Scope, member.Name));
        try
        {
            while (true)
            {
                // Every cycle: Patroni may have restarted PostgreSQL meanwhile (a new postmaster is not a child of the old one).
                group.Add(host.Roots(member, scanForPostmasters: true));
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
    public static int ReleaseLeftovers(string scope, string? member = null)
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

        var groups = CpuCgroup.Existing(hierarchy, member is null ? scope + "-" : GroupName(scope, member)).Where(g => member is null || Path.GetFileName(g.Path) == GroupName(scope, member)).ToList();
        groups.ForEach(g => g.Release());
        return groups.Count;
    }

    private static string GroupName(string scope, string member) => $"{scope}-{member}";
}
