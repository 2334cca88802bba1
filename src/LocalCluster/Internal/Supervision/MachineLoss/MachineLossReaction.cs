using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Supervision.MachineLoss;

/// <summary>
/// What the supervisor does the moment it finds a lost machine (processes and data directory gone), so that neither a
/// failover nor the commits of the surviving primary wait for Patroni's timers: a lost primary's leader lock is released
/// (compare-and-delete) and the survivors' Patroni woken to take it; a lost synchronous standby wakes the primary's
/// Patroni to drop it from the synchronous set. <see cref="MachineLossRules"/> decides; Patroni acts.
/// </summary>
/// <remarks>
/// Called by <see cref="MachineLossWatch"/> every <see cref="LocalClusterConstants.MachineLossWatchPeriod"/> and by
/// <see cref="Jobs.LeaderLockReleaseJob"/> on every supervisor tick (before <see cref="Jobs.HealJob"/> forgets the member),
/// one call at a time. A hung (frozen) member is not lost and keeps Patroni's ttl-based detection;
/// <c>up --patroni-failover-only</c> and the benchmark's baseline turn the reaction off.
/// </remarks>
internal sealed class MachineLossReaction(ClusterEnvironment env, MemberRemoval removal, EventLog events)
{
    private readonly PatroniActions _patroni = new(env);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Dictionary<string, PendingLoss> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    /// <summary>Reacts to the machine losses in <paramref name="state"/> not reacted to yet, and follows up earlier ones.</summary>
    public async Task ReactAsync(ClusterState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.FastFailoverOnMachineLoss)
        {
            return;
        }

        await _oneAtATime.WaitAsync(ct);
        try
        {
            var host = new MemberHost(env, state);
            var gone = state.Members.Where(m => IsDown(host, m) || MemberRemoval.IsLost(host, m)).ToList();
            _handled.IntersectWith(gone.Select(m => m.Name)); // a member running again (restarted in place) can be lost later
            var fresh = gone.Where(m => !_handled.Contains(m.Name)).ToList();
            if (fresh.Count == 0 && _pending.Count == 0)
            {
                return;
            }

            var (leader, synchronous) = await ReadPatroniKeysAsync(state, ct);
            foreach (var m in fresh)
            {
                var (release, wake, pending) = MachineLossRules.FirstReaction(m.Name, leader, synchronous);
                if (release && !MemberRemoval.IsLost(host, m))
                {
                    // Down with its data intact: a crash, restarted in place after a grace; only a lost machine's lock is released.
                    continue;
                }

                if (!release && wake == LossWake.None)
                {
                    // Nothing for Patroni to act on; looked at again while the member is in the state. A member being
                    // created looks lost too (its record comes before its Patroni and data directory): it must not
                    // count as handled, or its real loss later would go unnoticed.
                    continue;
                }

                _handled.Add(m.Name);
                if (release)
                {
                    await removal.ForceDownAsync(state, m.Slot, ct);
                    await host.KillAsync(m, ct); // the lock is released only once nothing of the old primary can still write
                    if (await EtcdClient.DeleteIfValueAsync(env.Ports.EtcdClient, EtcdClient.LeaderKey(state.Scope), m.Name, ct))
                    {
                        events.Record("leader-released", m.Name, m.Group, "the lost primary's leader lock was released so the synchronous standby takes over now");
                    }
                }
                else if (wake == LossWake.Leader)
                {
                    events.Record("sync-standby-lost", m.Name, m.Group, $"{leader}'s Patroni woken to drop it from the synchronous set now");
                }

                var now = env.Time.GetUtcNow();
                await WakeAsync(state, host, wake, leader, ct);
                if (pending)
                {
                    _pending[m.Name] = new PendingLoss(m.Name, release, now, now);
                }
            }

            await FollowUpAsync(state, host, fresh, leader, synchronous, ct);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task FollowUpAsync(ClusterState state, MemberHost host, List<MemberRecord> fresh, string? leader, IReadOnlyList<string> synchronous, CancellationToken ct)
    {
        foreach (var pending in _pending.Values.Where(p => !fresh.Exists(m => m.Name == p.Name)).ToList())
        {
            var now = env.Time.GetUtcNow();
            var (wake, done) = MachineLossRules.FollowUp(pending, leader, synchronous, now);
            await WakeAsync(state, host, wake, leader, ct);
            if (done)
            {
                _pending.Remove(pending.Name);
            }
            else if (wake != LossWake.None)
            {
                _pending[pending.Name] = pending with { LastWake = now };
            }
        }
    }

    /// <summary>The leader lock's holder and its synchronous standbys (empty when the <c>/sync</c> key names another leader).</summary>
    private async Task<(string? Leader, IReadOnlyList<string> Synchronous)> ReadPatroniKeysAsync(ClusterState state, CancellationToken ct)
    {
        var port = env.Ports.EtcdClient;
        var leader = await EtcdClient.GetAsync(port, EtcdClient.LeaderKey(state.Scope), ct);
        var (syncLeader, standbys) = FailoverObserver.ParseSync(await EtcdClient.GetAsync(port, EtcdClient.SyncKey(state.Scope), ct));
        return (leader, leader is not null && syncLeader == leader ? standbys : Array.Empty<string>());
    }

    private async Task WakeAsync(ClusterState state, MemberHost host, LossWake wake, string? leader, CancellationToken ct)
    {
        var running = state.Members.Where(m => !m.Frozen && !m.Removing && !MemberRemoval.IsLost(host, m) && host.Patroni(m) is not null);
        var targets = wake switch
        {
            LossWake.Survivors => running,
            LossWake.Leader or LossWake.WaitingCommits => running.Where(m => m.Name == leader),
            LossWake.Followers => running.Where(m => m.Name != leader),
            _ => Enumerable.Empty<MemberRecord>(),
        };
        if (wake == LossWake.WaitingCommits)
        {
            await Task.WhenAll(targets.Select(m => WaitingCommitRelease.NudgeAsync(env.Ports.ForSlot(m.Slot).Postgres, env.Secrets.Superuser, env.Time, ct)));
            return;
        }

        await Task.WhenAll(targets.Select(m => _patroni.WakeAsync(env.Ports.ForSlot(m.Slot).Patroni, ct)));
    }

    /// <summary>
    /// Every process of the machine gone (Patroni and PostgreSQL), whether or not its data directory is gone yet: what a
    /// synchronous standby's loss costs the primary's commits starts here, before the loss is complete.
    /// </summary>
    private static bool IsDown(MemberHost host, MemberRecord m) =>
        !m.Frozen && !m.Removing && host.Patroni(m) is null && host.Postmaster(m) is null;
}
