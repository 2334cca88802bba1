using Resilience.LocalCluster.Internal.Backup;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Backup;

/// <summary>When the supervisor's backup job runs a pass, and why a pass takes a backup (the rule alone; the real cluster: BackupAfterPromotionTests).</summary>
public class BackupRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    // Daily at 03:00 UTC.
    private static readonly BackupSpec Daily = new("0 3 * * *", 7, new BackupTargets(300, 15));

    [Fact]
    public void The_first_pass_waits_for_the_stack_to_be_steady_once_and_for_a_running_primary()
    {
        Assert.False(BackupRule.PassDue(BackupMemory.None, steady: false, "primary-1", Now));
        Assert.False(BackupRule.PassDue(BackupMemory.None, steady: true, leader: null, Now));
        Assert.True(BackupRule.PassDue(BackupMemory.None, steady: true, "primary-1", Now));
    }

    [Fact]
    public void With_the_same_primary_a_pass_waits_for_the_due_time()
    {
        var memory = new BackupMemory(Now.AddHours(21), "primary-1", LastFailed: false);

        Assert.False(BackupRule.PassDue(memory, true, "primary-1", Now));
        Assert.True(BackupRule.PassDue(memory, true, "primary-1", Now.AddHours(21)));
    }

    [Fact]
    public void A_change_of_primary_starts_a_pass_at_once_even_long_before_the_due_time()
    {
        var memory = new BackupMemory(Now.AddHours(21), "primary-1", LastFailed: false);

        Assert.True(BackupRule.IsNewPrimary(memory, "readers-4"));
        Assert.True(BackupRule.PassDue(memory, true, "readers-4", Now));
        // No primary running (between the loss and the promotion) is not a change yet.
        Assert.False(BackupRule.IsNewPrimary(memory, null));
        Assert.False(BackupRule.PassDue(memory, true, null, Now));
    }

    [Fact]
    public void Before_any_pass_succeeded_no_primary_counts_as_new()
    {
        Assert.False(BackupRule.IsNewPrimary(BackupMemory.None, "primary-1"));
        Assert.False(BackupRule.IsNewPrimary(new BackupMemory(Now.AddSeconds(60), null, LastFailed: true), "readers-4"));
    }

    [Fact]
    public void A_failed_pass_after_a_change_of_primary_waits_for_its_retry_instead_of_running_every_tick()
    {
        // The pass for the new primary failed (a full disk, pgBackRest's lock): the primary is still "new", but the retry waits.
        var failed = new BackupMemory(Now.AddSeconds(60), "primary-1", LastFailed: true);

        Assert.False(BackupRule.PassDue(failed, true, "readers-4", Now));
        Assert.False(BackupRule.PassDue(failed, true, "readers-4", Now.AddSeconds(59)));
        Assert.True(BackupRule.PassDue(failed, true, "readers-4", Now.AddSeconds(60)));
    }

    [Fact]
    public void A_pass_backs_up_when_the_repository_is_empty_the_primary_is_new_or_the_schedule_came()
    {
        Assert.Equal(BackupRule.FirstReason, BackupRule.Reason(null, newPrimary: false, Daily, Now));
        Assert.Equal(BackupRule.FirstReason, BackupRule.Reason(null, newPrimary: true, Daily, Now));

        // The newest backup ended at 05:00 today: the next scheduled one is tomorrow 03:00.
        var recent = Now.AddHours(-1);
        Assert.Null(BackupRule.Reason(recent, newPrimary: false, Daily, Now));
        Assert.Equal(BackupRule.NewPrimaryReason, BackupRule.Reason(recent, newPrimary: true, Daily, Now));

        // It ended yesterday at 02:00: today's 03:00 has passed.
        var stale = Now.AddHours(-28);
        Assert.Equal("scheduled (0 3 * * *)", BackupRule.Reason(stale, newPrimary: false, Daily, Now));
    }
}
