using Resilience.ChaosSuite.Cli;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>The CLI against the fixture's running cluster (it never starts or stops one it did not start).</summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Integration")]
public class CliIntegrationTests(LocalClusterFixture cluster)
{
    private async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            IsTerminal = false,
            WorkingDirectory = cluster.StacksDir,
            CreatePlatform = (spec, dir) => new LocalPlatform(spec, new LocalPlatformOptions { RepoRoot = TestSupport.Stacks.RepoRoot, StackFilePath = StackSpecLoader.StackFilePath(dir, spec.StackName) }),
        };
        using var timeout = new CancellationTokenSource(TestSupport.TestTimeouts.Scenario);
        await cluster.SettleAsync(timeout.Token);
        var code = await ChaosCli.RunAsync([.. args, "--stack", LocalClusterFixture.StackName], env);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Preflight_resolves_checks_steady_state_runs_the_workload_and_says_what_a_game_day_would_do()
    {
        var (code, output, error) = await Run("preflight");

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        Assert.Contains("endpoints: write 127.0.0.1:28502, read 127.0.0.1:28503; database app as app", output, StringComparison.Ordinal);
        Assert.Contains("steady-state: double-fault guard passed", output, StringComparison.Ordinal);
        Assert.Contains("the game-day of stack chaostest would run:", output, StringComparison.Ordinal);
        Assert.Contains("app-faults: ", output, StringComparison.Ordinal);
        Assert.Contains("verdict: PASSED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gameday_runs_the_stacks_scenarios_prints_the_scorecard_and_writes_the_reports()
    {
        var reports = Path.Combine(Path.GetTempPath(), "chaos-it-gameday-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, error) = await Run("gameday", "--report-dir", reports, "--seed", "3");

            Assert.True(code == 0, $"exit {code}: {error}\n{output}");
            Assert.Contains("== [1/1] app-faults", output, StringComparison.Ordinal);
            Assert.Contains("scorecard: stack chaostest", output, StringComparison.Ordinal);
            Assert.Matches(@"app-faults\s+failedReads\s+\d+\s+<= 0", output);
            Assert.Contains("\nverdict: PASSED", output, StringComparison.Ordinal);
            Assert.All(["report.json", "report.md", "junit.xml", "report.html"], f => Assert.True(File.Exists(Path.Combine(reports, f)), f));
            Assert.DoesNotContain("stopping the platform", output, StringComparison.Ordinal);
            Assert.True(await cluster.Platform.IsRunningAsync(CancellationToken.None), "a cluster the game-day did not start is left running");
        }
        finally
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
        }
    }
}
