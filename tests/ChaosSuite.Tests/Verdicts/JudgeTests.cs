using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Tests.Verdicts;

public class JudgeTests
{
    [Fact]
    public void Measured_must_be_at_most_the_target()
    {
        var targets = Stacks.Local().RecoveryTargets;
        var m = new MeasurementSet();
        m.Set(MeasurementNames.WriteUnavailableSeconds, 15);
        m.Set(MeasurementNames.ReaderRemovalSeconds, 1.01);
        m.Set(MeasurementNames.ReplacementSeconds, null);
        m.Set(MeasurementNames.OldPrimaryWrites, 0);

        var verdicts = Judge.Verdicts(targets, [MeasurementNames.WriteUnavailableSeconds, MeasurementNames.ReaderRemovalSeconds, MeasurementNames.ReplacementSeconds, MeasurementNames.OldPrimaryWrites], m);

        Assert.Equal([true, false, false, true], verdicts.Select(v => v.Met));
        Assert.Equal("1.01 s > 1.00 s", verdicts[1].Note);
        Assert.Contains("did not happen", verdicts[2].Note, StringComparison.Ordinal);
        Assert.Equal(0, verdicts[3].Target);
        Assert.Equal(ScenarioOutcome.Failed, Judge.Outcome(verdicts));
    }

    [Fact]
    public void A_name_without_a_target_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Judge.Verdicts(Stacks.Local().RecoveryTargets, ["nope"], new MeasurementSet()));
    }

    [Theory]
    [InlineData("Passed,Passed", "Passed", 0)]
    [InlineData("Passed,Failed", "Failed", 1)]
    [InlineData("Failed,Aborted", "Aborted", 3)]
    [InlineData("DryRun", "DryRun", 0)]
    public void The_run_outcome_and_exit_code_follow_the_worst_scenario(string scenarios, string expected, int exitCode)
    {
        // Outcomes by name: ScenarioOutcome is internal, and a public test method cannot take it.
        var outcome = Enum.Parse<ScenarioOutcome>(expected);
        Assert.Equal(outcome, Judge.RunOutcome([.. scenarios.Split(',').Select(Enum.Parse<ScenarioOutcome>)]));
        Assert.Equal(exitCode, ExitCodes.For(outcome));
    }

    [Fact]
    public void Every_design_measurement_has_a_target_in_the_stack_files()
    {
        Assert.Equal(MeasurementNames.Design.Order(), Stacks.Local().RecoveryTargets.ByName.Keys.Order());
    }
}
