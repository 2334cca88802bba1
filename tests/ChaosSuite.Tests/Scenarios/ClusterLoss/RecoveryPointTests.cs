using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Scenarios.ClusterLoss;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Scenarios.ClusterLoss;

/// <summary>The recovery point of a whole-stack restore, from the ledger alone.</summary>
public class RecoveryPointTests
{
    [Fact]
    public void The_span_runs_from_the_oldest_to_the_newest_lost_acknowledgement_before_the_loss()
    {
        // Acknowledged at 1..9 s; the loss at 10 s; ids 6-9 (6.0 to 9.0 s) never reached the archive; id 10 came after.
        var acknowledged = Enumerable.Range(1, 10).Select(i => new KeyValuePair<long, double>(i, i)).ToList();

        var loss = RecoveryPoint.Measure(acknowledged, faultAt: 9.5, present: new HashSet<long> { 1, 2, 3, 4, 5, 10 });

        Assert.Equal(9, loss.AcknowledgedBeforeFault);
        Assert.Equal([6L, 7L, 8L, 9L], loss.Lost);
        Assert.Equal(3, loss.Seconds);
    }

    [Fact]
    public void Nothing_lost_is_a_recovery_point_of_zero()
    {
        var loss = RecoveryPoint.Measure([new(1, 1.0)], faultAt: 2, present: new HashSet<long> { 1 });

        Assert.Empty(loss.Lost);
        Assert.Equal(0, loss.Seconds);
    }

    [Fact]
    public void Restore_seconds_are_the_loss_to_the_first_write_served_and_the_note_says_what_bounds_the_loss()
    {
        var set = new MeasurementSet();
        set.Set(MeasurementNames.WriteUnavailableSeconds, 42.5);

        ClusterLossMeasurements.Set(set, new RecoveryPointLoss(100, [98, 99], 0.02), "archive_timeout 10 s", 1.5);

        Assert.Equal(42.5, set.Get(MeasurementNames.RestoreSeconds));
        Assert.Equal(0.02, set.Get(MeasurementNames.RecoveryPointSeconds));
        Assert.Equal("2 of 100 writes acknowledged before the loss are gone; bounded by archive_timeout 10 s", set.Notes[MeasurementNames.RecoveryPointSeconds]);
        Assert.Equal(2, set.Observations["writesLostByRestore"]);
        Assert.Equal(1.5, set.Observations["archiveAgeAtLossSeconds"]);
    }

    [Fact]
    public void A_stack_never_restored_is_not_measured()
    {
        var set = new MeasurementSet();
        set.Set(MeasurementNames.WriteUnavailableSeconds, null);

        ClusterLossMeasurements.Set(set, null, null);

        Assert.Null(set.Get(MeasurementNames.RestoreSeconds));
        Assert.Null(set.Get(MeasurementNames.RecoveryPointSeconds));
    }

    [Fact]
    public void A_stack_without_a_backup_section_is_refused()
    {
        var spec = Stacks.Local();

        Assert.StartsWith("scenario cluster-loss restores from the stack's backups",
            ScenarioHosting.Refusal(new ClusterLossScenario(), "local", new FakePlatform().Capabilities, spec with { Backup = spec.Backup with { Declared = false } }), StringComparison.Ordinal);
    }
}
