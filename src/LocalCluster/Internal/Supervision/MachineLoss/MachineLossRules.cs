namespace Resilience.LocalCluster.Internal.Supervision.MachineLoss;

/// <summary>Whose Patroni a machine loss wakes, so it acts now instead of at the end of its <c>loop_wait</c> nap.</summary>
internal enum LossWake
{
    /// <summary>Nobody (yet).</summary>
    None,

    /// <summary>Every member still running: one of the synchronous standbys takes the released leader lock.</summary>
    Survivors,

    /// <summary>The leader: it drops the lost synchronous standby from the synchronous set, so commits stop waiting for it.</summary>
    Leader,

    /// <summary>Every running member but the new leader: they follow it now (and become synchronous again sooner).</summary>
    Followers,

    /// <summary>
    /// Not a wake: the leader's commits that waited for the dropped standby. PostgreSQL releases them only when a
    /// remaining synchronous standby reports a newer position, which it does when new WAL reaches it; the supervisor
    /// makes a few tiny commits (not waiting for standbys) so that happens now, not at Patroni's own nudge 0.1 s later.
    /// </summary>
    WaitingCommits,
}

/// <summary>A lost member whose consequences Patroni has not finished drawing yet.</summary>
/// <param name="Name">The member.</param>
/// <param name="WasPrimary">True when it held the leader lock; false when it was a synchronous standby.</param>
/// <param name="Since">When the loss was found.</param>
/// <param name="LastWake">When Patroni was last woken for it.</param>
internal sealed record PendingLoss(string Name, bool WasPrimary, DateTimeOffset Since, DateTimeOffset LastWake);

/// <summary>
/// The rules of the supervisor's reaction to a machine loss (<see cref="MachineLossReaction"/>). Patroni decides
/// everything itself (who is promoted, which standbys are synchronous, in its own safe order: the synchronous set in
/// etcd shrinks before PostgreSQL's <c>synchronous_standby_names</c>); the supervisor only makes it look now. Waking
/// Patroni is harmless, so the rules err on waking again while the expected change is not visible in etcd yet (the
/// woken loop may have run before PostgreSQL saw the standby's connection close).
/// </summary>
internal static class MachineLossRules
{
    /// <summary>How long after a wake Patroni is woken again while the change is not visible: a little more than one of its cycles here.</summary>
    public static readonly TimeSpan Rewake = TimeSpan.FromMilliseconds(250);

    /// <summary>After this, Patroni's own loop is left to finish (something else is wrong: status and alarms say what).</summary>
    public static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The first reaction to <paramref name="lost"/>: a lost leader-lock holder's lock is released and the survivors
    /// are woken; a lost synchronous standby of the current leader wakes the leader; any other loss (an asynchronous
    /// replica) changes nothing Patroni must act on.
    /// </summary>
    /// <param name="lost">The lost member.</param>
    /// <param name="leader">The leader lock's holder, null when none.</param>
    /// <param name="synchronous">The current leader's synchronous standbys (Patroni's <c>/sync</c> key, when its leader is the lock holder).</param>
    /// <returns>Whether to release <paramref name="lost"/>'s leader lock, whom to wake, and whether to keep following it up.</returns>
    public static (bool Release, LossWake Wake, bool Pending) FirstReaction(string lost, string? leader, IReadOnlyCollection<string> synchronous)
    {
        ArgumentNullException.ThrowIfNull(synchronous);
        if (leader == lost)
        {
            return (true, LossWake.Survivors, true);
        }

        return leader is not null && synchronous.Contains(lost, StringComparer.Ordinal)
            ? (false, LossWake.Leader, true)
            : (false, LossWake.None, false);
    }

    /// <summary>The follow-up of a pending loss: whom to wake now, and whether Patroni has drawn its consequences.</summary>
    public static (LossWake Wake, bool Done) FollowUp(PendingLoss pending, string? leader, IReadOnlyCollection<string> synchronous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(synchronous);
        if (now - pending.Since > GiveUp)
        {
            return (LossWake.None, true);
        }

        var due = now - pending.LastWake >= Rewake;
        if (pending.WasPrimary)
        {
            if (leader is not null && leader != pending.Name)
            {
                return (LossWake.Followers, true);
            }

            return (due ? LossWake.Survivors : LossWake.None, false);
        }

        if (leader is null)
        {
            return (LossWake.None, true);
        }

        if (!synchronous.Contains(pending.Name, StringComparer.Ordinal))
        {
            return (LossWake.WaitingCommits, true);
        }

        return (due ? LossWake.Leader : LossWake.None, false);
    }
}
