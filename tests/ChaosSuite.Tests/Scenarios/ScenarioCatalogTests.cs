using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Tests.Scenarios;

public class ScenarioCatalogTests
{
    [Fact]
    public void Every_scenario_name_of_the_spec_has_a_scenario_of_that_name()
    {
        Assert.All(Topology.Scenarios.All, name => Assert.Equal(name, ScenarioCatalog.Create(name)!.Name));
        Assert.Null(ScenarioCatalog.Create("nope"));
    }

    [Theory]
    [InlineData("replica-hardware-failure", new[] { "readerRemovalSeconds", "replacementSeconds", "warmupSeconds", "failedReads", "coldReads", "lostWrites", "falseFailovers" })]
    [InlineData("primary-failure", new[] { "writeUnavailableSeconds", "lostWrites", "failedWrites", "replacementSeconds", "falseFailovers" })]
    [InlineData("primary-hang", new[] { "writeUnavailableSeconds", "lostWrites", "oldPrimaryWrites", "falseFailovers" })]
    [InlineData("primary-overload", new[] { "alarmDetectSeconds", "falseFailovers", "lostWrites" })]
    [InlineData("app-faults", new[] { "failedReads", "failedWrites", "lostWrites" })]
    [InlineData("double-fault", new[] { "writeUnavailableSeconds", "lostWrites", "failedWrites", "replacementSeconds", "falseFailovers" })]
    [InlineData("primary-degraded-host", new[] { "alarmDetectSeconds", "switchoverWriteUnavailableSeconds", "failedWrites", "lostWrites", "falseFailovers", "replacementSeconds" })]
    [InlineData("table-corruption", new[] { "restoreSeconds", "lostWrites", "postFaultWritesLost" })]
    [InlineData("cluster-loss", new[] { "restoreSeconds", "recoveryPointSeconds" })]
    public void Each_scenario_judges_the_measurements_its_issue_lists(string name, string[] judged)
    {
        var scenario = ScenarioCatalog.Create(name)!;

        Assert.Equal(judged, scenario.JudgedMeasurements);
        Assert.All(judged, m => Assert.True(Judge.TargetsOf(Stacks.Local(), name).ContainsKey(m), m));
    }

    [Fact]
    public void Hard_deadlines_follow_the_stack_targets()
    {
        var spec = Stacks.Local();
        var slower = spec with { RecoveryTargets = spec.RecoveryTargets with { ReplacementSeconds = 600 } };
        var scenario = ScenarioCatalog.Create("replica-hardware-failure")!;

        Assert.Equal(TimeSpan.FromSeconds(spec.RecoveryTargets.ReplacementSeconds + 30 + 60), scenario.HardDeadline(spec));
        Assert.Equal(TimeSpan.FromSeconds(600 + 30 + 60), scenario.HardDeadline(slower));
    }

    [Fact]
    public void Plans_name_the_member_they_would_fail_and_the_targets()
    {
        var spec = Stacks.Local();
        var observation = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"));

        Assert.Contains("lose the primary's machine (now: pg-1)", ScenarioCatalog.Create("primary-failure")!.Plan(spec, observation)[0], StringComparison.Ordinal);
        Assert.Contains("freeze the primary (now: pg-1)", ScenarioCatalog.Create("primary-hang")!.Plan(spec, observation)[0], StringComparison.Ordinal);
        Assert.Contains("now: pg-", ScenarioCatalog.Create("replica-hardware-failure")!.Plan(spec, observation)[0], StringComparison.Ordinal);
        var overload = ScenarioCatalog.Create("primary-overload")!.Plan(spec, observation);
        Assert.Contains("from 32 loopback client addresses", overload[0], StringComparison.Ordinal);
        Assert.Contains("primary-cpu-high", overload[1], StringComparison.Ordinal);
        Assert.Contains("alarmDetectSeconds <= 30.00 s", overload[1], StringComparison.Ordinal);
        Assert.Contains("15 % of the workload's attempts", ScenarioCatalog.Create("app-faults")!.Plan(spec, observation)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Failing_a_member_needs_a_warm_replica()
    {
        var spec = Stacks.Local();
        var noWarmReplica = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2", gateOpen: false));

        Assert.Equal("group readers has no warm replica to lose", ScenarioCatalog.Create("replica-hardware-failure")!.Precondition(spec, noWarmReplica));
        Assert.Equal("no warm replica to promote", ScenarioCatalog.Create("primary-failure")!.Precondition(spec, noWarmReplica));
        Assert.Null(ScenarioCatalog.Create("app-faults")!.Precondition(spec, noWarmReplica));
    }

    [Fact]
    public void The_seeded_victim_is_reproducible()
    {
        var observation = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"), Cluster.Replica("pg-4"));

        var first = Enumerable.Range(0, 10).Select(seed => ScenarioWaits.PickWarmReplica(observation, "readers", new Random(seed))!.Name).ToList();
        var again = Enumerable.Range(0, 10).Select(seed => ScenarioWaits.PickWarmReplica(observation, "readers", new Random(seed))!.Name).ToList();

        Assert.Equal(first, again);
        Assert.True(first.Distinct().Count() > 1);
    }
}
