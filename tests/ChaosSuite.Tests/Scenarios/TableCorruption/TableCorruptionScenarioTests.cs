using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Scenarios.TableCorruption;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Tests.Scenarios.TableCorruption;

/// <summary>The drill's refusals: nothing is corrupted unless a restore can repair it.</summary>
public class TableCorruptionScenarioTests
{
    [Fact]
    public void A_stack_without_a_backup_section_is_refused_in_one_line_naming_the_key()
    {
        var spec = Stacks.Local();
        var bare = spec with { Backup = spec.Backup with { Declared = false } };
        var scenario = new TableCorruptionScenario();

        Assert.Null(ScenarioHosting.Refusal(scenario, "local", new FakePlatform().Capabilities, spec));
        Assert.Equal(
            "scenario table-corruption restores from the stack's backups and judges resilience:backup.targets, but the stack file has no resilience:backup section; "
            + "add it (docs/configuration.md) or remove table-corruption from resilience:gameday.scenarios in Pulumi.local.yaml",
            ScenarioHosting.Refusal(scenario, "local", new FakePlatform().Capabilities, bare));
    }

    [Fact]
    public void A_platform_that_cannot_restore_a_point_in_time_copy_is_refused()
    {
        var capabilities = new PlatformCapabilities(new Dictionary<FaultKind, string> { [FaultKind.MachineLoss] = "reboot" }, TimeSpan.Zero, TimeSpan.Zero);

        Assert.StartsWith("scenario table-corruption needs the fault data-corruption, which platform aws (stack local) cannot inject",
            ScenarioHosting.Refusal(new TableCorruptionScenario(), "aws", capabilities, Stacks.Local()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_backup_yet_nothing_is_corrupted_and_no_copy_is_made()
    {
        var time = FakeTimeSteps.NewClock();
        var platform = new FakePlatform();
        var workload = new FakeWorkload();
        var scenario = new TableCorruptionScenario(new TableCorruptionOptions { BackupWait = TimeSpan.FromSeconds(5) });
        var runner = new ScenarioRunner(Stacks.Local(), platform, new RunClock(time), new ScenarioRunnerOptions { Seed = 1 }, new RecordingProgress(), _ => workload);

        var run = runner.RunAsync(scenario, CancellationToken.None);
        for (var i = 0; i < 2000 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        var result = await run;
        Assert.Equal(ScenarioOutcome.Aborted, result.Outcome);
        Assert.Equal("the platform failed: no backup to restore from after 5 s, so nothing was injected; take one (locally: ./localcluster backup --stack local) and run the drill again", result.AbortReason);
        Assert.Null(result.Fault);
        Assert.DoesNotContain(platform.CallsSoFar(), c => c.StartsWith("restore copy", StringComparison.Ordinal) || c.StartsWith("drop copy", StringComparison.Ordinal));
        Assert.Contains("backups", platform.CallsSoFar());
        Assert.DoesNotContain(result.Phases, p => p.Name == PhaseNames.FaultInjected);
    }
}
