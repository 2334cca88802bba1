using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class ScenarioMeasurerTests
{
    [Fact]
    public void A_synthetic_replica_failure_yields_every_measurement_and_phase()
    {
        var scenario = SampleRuns.ReplicaFailure().Scenarios[0];
        var m = scenario.Measurements;

        Assert.Equal(0.3, m.Get(MeasurementNames.ReaderRemovalSeconds)!.Value, precision: 3);
        Assert.Equal(8.0, m.Get(MeasurementNames.ReplacementSeconds)!.Value, precision: 3);
        Assert.Equal(6.0, m.Get(MeasurementNames.WarmupSeconds)!.Value, precision: 3);
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.Equal(0, m.Get(MeasurementNames.FailedReads));
        Assert.Equal(0, m.Get(MeasurementNames.ColdReads));
        Assert.Equal(0, m.Get(MeasurementNames.FalseFailovers));
        Assert.Equal(20, m.Observations["sampleRateHz"], precision: 1);
        Assert.Equal(
            [PhaseNames.SteadyState, PhaseNames.WorkloadStarted, PhaseNames.FaultInjected, PhaseNames.WritesAvailable, PhaseNames.ReaderRemoved, PhaseNames.ReplacementCreated, PhaseNames.ReplacementWarm, PhaseNames.Recovered, PhaseNames.WorkloadStopped],
            scenario.Phases.Select(p => p.Name));
    }

    [Fact]
    public void An_unverifiable_ledger_leaves_lost_writes_unmeasured_with_the_reason()
    {
        var t = new SyntheticTimeline().Observe(0, 1, Cluster.Of(Cluster.Primary("pg-1")));

        var (m, _) = ScenarioMeasurer.Measure(t.Snapshot(), null, new MeasurementInputs(new Dictionary<string, int>(), null, "no primary", 0, 1));

        Assert.Null(m.Get(MeasurementNames.LostWrites));
        Assert.Contains("no primary", m.Notes[MeasurementNames.LostWrites], StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_writes_name_the_missing_ids()
    {
        var t = new SyntheticTimeline().Observe(0, 1, Cluster.Of(Cluster.Primary("pg-1")));
        var ledger = new Resilience.ChaosSuite.Workload.LedgerVerification(5, 3, [2, 4], 0);

        var (m, _) = ScenarioMeasurer.Measure(t.Snapshot(), null, new MeasurementInputs(new Dictionary<string, int>(), ledger, null, 0, 1));

        Assert.Equal(2, m.Get(MeasurementNames.LostWrites));
        Assert.Equal("missing ids: 2, 4", m.Notes[MeasurementNames.LostWrites]);
    }
}
