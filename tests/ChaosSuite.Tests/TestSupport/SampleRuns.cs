using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>A synthetic replica-failure run measured and judged by the real code, for report tests.</summary>
internal static class SampleRuns
{
    public static RunResult ReplicaFailure(bool missReplacement = false)
    {
        var victim = Cluster.Replica("pg-2");
        var t = new SyntheticTimeline()
            .Observe(0, 10, Cluster.Of(Cluster.Primary("pg-1", null), victim, Cluster.Replica("pg-3")).WithAlarms(("primary-cpu-high", AlarmState.Ok)))
            .Observe(10, 12, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3")))
            .Observe(12, 18, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4", gateOpen: false, routed: false)))
            .Observe(18, 24, missReplacement
                ? Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4", gateOpen: false, routed: false))
                : Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4")))
            .Writes(7, 24, succeeded: true)
            .Reads(7, 10, victim.ServerIdentity, Cluster.PortOf("pg-3"))
            .Reads(10, 24, Cluster.PortOf("pg-3"))
            .ReadAttemptFailures(10.05, 10.3);
        t.Timeline.Add(new PhaseMark(PhaseNames.SteadyState, 6.9, "double-fault guard passed"));
        t.Timeline.Add(new PhaseMark(PhaseNames.WorkloadStarted, 7, null));
        t.Timeline.Add(new PhaseMark(PhaseNames.FaultInjected, 10, "replica pg-2 lost"));
        t.At(24).Timeline.Mark(PhaseNames.WorkloadStopped);
        var fault = SyntheticTimeline.Fault(10, victim, 0, "pg-1", "pg-2", "pg-3");
        var snapshot = t.Snapshot();
        var ledger = new Resilience.ChaosSuite.Workload.LedgerVerification(t.Acknowledged.Count, t.Acknowledged.Count, [], 0);
        var (measurements, phases) = ScenarioMeasurer.Measure(snapshot, fault, new MeasurementInputs(new Dictionary<string, int> { ["readers"] = 2 }, ledger, null, 7, 24));
        var spec = Stacks.Local() with { RecoveryTargets = Stacks.Local().RecoveryTargets with { ReplacementSeconds = 10 } };
        var judged = new[] { MeasurementNames.ReaderRemovalSeconds, MeasurementNames.ReplacementSeconds, MeasurementNames.WarmupSeconds, MeasurementNames.ColdReads, MeasurementNames.LostWrites };
        var verdicts = Judge.Verdicts(spec.RecoveryTargets, judged, measurements);
        var result = new ScenarioResult("replica-hardware-failure", "a replica machine is lost", Judge.Outcome(verdicts), null, 6.9, 24, fault,
            [.. snapshot.Phases.Concat(phases).OrderBy(p => p.At)], measurements, verdicts, snapshot, ["kill pg-2"]);
        return new RunResult("local", "local", "run", 7, t.Clock, 24, [result]);
    }

    public static RunResult Aborted(RunClock clock) => new("local", "local", "run", 7, clock, 1,
    [
        new ScenarioResult("primary-failure", "the primary machine is lost", ScenarioOutcome.Aborted, "preflight refused to inject: no running primary", 0, 1, null, [],
            new MeasurementSet(), [], new ScenarioTimeline(clock).Snapshot(), []),
    ]);

    public static StackSpec Spec() => Stacks.Local();
}
