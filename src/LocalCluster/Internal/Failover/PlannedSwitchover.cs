using Microsoft.Extensions.Logging.Abstractions;
using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Failover;

/// <summary>
/// The planned way to move the primary off a sick host: Patroni's <c>POST /switchover</c> to a warm synchronous
/// standby, so no acknowledged write can be missing on the new primary and it serves at once. Patroni checkpoints
/// and stops the old primary cleanly first; it then follows the new one.
/// </summary>
internal sealed class PlannedSwitchover(ClusterEnvironment env)
{
    public async Task<CompletedSwitchover> RunAsync(ClusterStatus status, string? to, TimeSpan timeout, CancellationToken ct)
    {
        var primary = status.Primary
            ?? throw new LocalClusterException("no primary runs: a switchover needs one to hand over (status says why; a stack stuck without a primary needs failover)", LocalClusterException.BadInput);
        var state = env.Store.TryLoad() ?? throw new LocalClusterException("the stack is not running", LocalClusterException.BadInput);
        // Patroni accepts only a candidate its /sync key lists, which it writes a loop after PostgreSQL reports the
        // standby synchronous: wait (bounded) until Patroni's own view agrees, then choose among those.
        var primaryRest = env.Ports.ForSlot(state.Find(primary.Name)!.Slot).Patroni;
        var deadline = env.Time.GetUtcNow() + LocalClusterConstants.SyncStandbyWait;
        var patroniSync = await SynchronousInPatroniAsync(primaryRest, ct);
        while (!status.Members.Any(m => patroniSync.Contains(m.Name) && (to is null || m.Name == to)) && env.Time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), env.Time, ct);
            patroniSync = await SynchronousInPatroniAsync(primaryRest, ct);
        }

        var target = Choose(status with { Members = [.. status.Members.Select(m => m with { IsSynchronous = m.IsSynchronous && patroniSync.Contains(m.Name) })] }, primary, to);
        var record = state.Find(target.Name)!;
        var restPort = env.Ports.ForSlot(record.Slot).Patroni;
        var started = env.Time.GetTimestamp();
        var patroni = new PatroniActions(env);
        await patroni.PostAsync(primaryRest, "switchover", new { leader = primary.Name, candidate = target.Name }, $"switchover to {target.Name}", ct);
        await patroni.WaitForLeaderAsync(target.Name, restPort, timeout, "switchover", ct);
        var done = new CompletedSwitchover(primary.Name, target.Name, env.Time.GetElapsedTime(started));
        new EventLog(env.Layout.EventLog, NullLogger<EventLog>.Instance, env.Time).Record("switchover", target.Name, record.Group, done.Describe());
        return done;
    }

    /// <summary>The named member, when it may take over; otherwise the least lagged warm synchronous standby.</summary>
    internal static MemberStatus Choose(ClusterStatus status, MemberStatus primary, string? to)
    {
        bool Eligible(MemberStatus m) => m.Role == MemberRole.Replica && m.State == MemberState.Running && m.IsSynchronous && m.GateOpen;
        if (to is not null)
        {
            var named = status.FindMember(to)
                ?? throw new LocalClusterException($"no member named {to}; members: {string.Join(", ", status.Members.Select(m => m.Name))}", LocalClusterException.BadInput);
            if (named.Name == primary.Name)
            {
                throw new LocalClusterException($"{to} is already the primary", LocalClusterException.BadInput);
            }

            return Eligible(named) ? named
                : throw new LocalClusterException($"{to} cannot take over without risk: only a running, warm synchronous standby may ({Why(named)}); omit --to to pick one", LocalClusterException.BadInput);
        }

        return status.Members.Where(Eligible).OrderBy(m => m.LagBytes ?? long.MaxValue).ThenBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new LocalClusterException("no running, warm synchronous standby to switch over to; wait until status shows one", LocalClusterException.BadInput);
    }

    private static async Task<HashSet<string>> SynchronousInPatroniAsync(int restPort, CancellationToken ct)
    {
        var view = await PatroniClient.ClusterAsync(restPort, LocalClusterConstants.ProbeTimeout, ct);
        return view is null ? [] : [.. view.Members.Where(m => m.IsSynchronous).Select(m => m.Name)];
    }

    private static string Why(MemberStatus m) =>
        m.State != MemberState.Running ? $"it is {m.State.ToString().ToLowerInvariant()}"
        : !m.IsSynchronous ? "it is not a synchronous standby"
        : "its warm-up gate is closed";
}
