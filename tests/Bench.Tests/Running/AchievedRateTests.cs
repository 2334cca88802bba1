using Resilience.Bench.Running;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.Bench.Tests.Running;

public sealed class AchievedRateTests
{
    [Fact]
    public void Acknowledged_writes_between_workload_start_and_fault_per_second()
    {
        // 2 s before the fault: 6 acknowledged, 1 failed, 1 read, 1 write after the fault.
        var operations = new List<OperationRecord>();
        for (var i = 0; i < 6; i++)
        {
            operations.Add(Write(1 + (i * 0.3), succeeded: true));
        }

        operations.Add(Write(1.5, succeeded: false));
        operations.Add(new OperationRecord(OperationKind.Read, 1.2, 1.21, true, "29011", null, false, null));
        operations.Add(Write(3.2, succeeded: true));

        var rate = ScenarioExecutor.AchievedWritesPerSecond(Result(operations, workloadStart: 1, faultAt: 3));

        Assert.Equal(3, rate);
    }

    [Fact]
    public void No_fault_no_rate()
    {
        Assert.Null(ScenarioExecutor.AchievedWritesPerSecond(Result([Write(1, true)], workloadStart: 1, faultAt: null)));
    }

    private static OperationRecord Write(double at, bool succeeded) =>
        new(OperationKind.Write, at, at + 0.01, succeeded, succeeded ? "29010" : null, 1, false, succeeded ? null : "connection refused");

    private static ScenarioResult Result(IReadOnlyList<OperationRecord> operations, double workloadStart, double? faultAt)
    {
        var phases = new List<PhaseMark> { new(PhaseNames.WorkloadStarted, workloadStart, null) };
        var fault = faultAt is { } f ? new FaultRecord("primary lost", f, "primary-1", "29010", true, new HashSet<string>(), 1, f) : null;
        var timeline = new TimelineSnapshot(operations, [], [], phases);
        return new ScenarioResult("primary-failure", "", ScenarioOutcome.Passed, null, 0, 10, fault, phases, new MeasurementSet(), [], timeline, []);
    }
}
