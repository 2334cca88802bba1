using Resilience.ChaosSuite.Cli;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Cli;

public class ChaosCliTests
{
    private sealed record Outcome(int ExitCode, string Out, string Error);

    private static async Task<Outcome> Run(FakePlatform? platform, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            IsTerminal = false,
            WorkingDirectory = Stacks.RepoRoot,
            CreatePlatform = (spec, _) => platform ?? throw new PlatformException($"stack {spec.StackName}: no platform in this test"),
        };
        var code = await ChaosCli.RunAsync(args, env);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task List_prints_every_scenario_on_one_line()
    {
        var result = await Run(null, "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Trim().Split('\n');
        Assert.Equal(Topology.Scenarios.All, lines.Select(l => l.Split(' ')[0]));
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "run" }, "Required argument missing")]
    [InlineData(new[] { "run", "primary-failure", "--seed", "x" }, "Cannot parse argument 'x'")]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "run", "nope" }, "unknown scenario 'nope'; known: replica-hardware-failure")]
    [InlineData(new[] { "run", "primary-failure", "--stack", "nope" }, "Pulumi.nope.yaml: no such stack file")]
    [InlineData(new[] { "gameday", "--stacks-dir", "/nonexistent" }, "--stacks-dir /nonexistent: no such directory")]
    public async Task A_user_error_is_one_line_and_exit_code_2(string[] args, string message)
    {
        var result = await Run(new FakePlatform(), args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("chaos: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubernetes_stack_without_a_kubeconfig_is_a_usage_error_in_one_line()
    {
        using var error = new StringWriter();
        var env = new CliEnvironment { Out = TextWriter.Null, Error = error, IsTerminal = false, WorkingDirectory = Stacks.RepoRoot };
        var missing = Path.Combine(Path.GetTempPath(), $"no-kubeconfig-{Guid.NewGuid():N}");
        var previous = Environment.GetEnvironmentVariable("KUBECONFIG");
        int code;
        try
        {
            // Only this test sets KUBECONFIG; the adapter reads it when the factory creates it.
            Environment.SetEnvironmentVariable("KUBECONFIG", missing);
            code = await ChaosCli.RunAsync(["preflight", "--stack", "k8s-staging"], env);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", previous);
        }

        Assert.Equal(2, code);
        Assert.Equal($"chaos: kubeconfig {missing} does not exist (KUBECONFIG); point KUBECONFIG at the cluster's kubeconfig", error.ToString().Trim());
    }

    [Theory]
    [InlineData(new[] { "preflight", "--stack", "prod" }, "chaos: stack prod is production; chaos touches it only with --allow-production prod")]
    [InlineData(new[] { "gameday", "--stack", "prod", "--dry-run" }, "chaos: stack prod is production; chaos touches it only with --allow-production prod")]
    [InlineData(new[] { "run", "app-faults", "--stack", "prod", "--allow-production", "staging" }, "chaos: stack prod is production and --allow-production names 'staging'; pass --allow-production prod to run against it")]
    public async Task A_production_stack_is_refused_unless_named_by_allow_production(string[] args, string message)
    {
        var platform = new FakePlatform();

        var result = await Run(platform, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.Error.Trim());
        Assert.Empty(platform.Calls);
        Assert.Equal(0, platform.Observations);
    }

    [Fact]
    public async Task Allow_production_naming_the_stack_lets_the_command_reach_its_platform()
    {
        var result = await Run(null, "run", "app-faults", "--stack", "prod", "--allow-production", "prod", "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("chaos: cell eu-1: stack prod: no platform in this test", result.Error.Trim());
    }

    [Theory]
    [InlineData("preflight")]
    [InlineData("gameday")]
    [InlineData("run", "primary-hang")]
    [InlineData("run", "primary-hang", "--dry-run")]
    public async Task A_scenario_the_platform_cannot_host_is_refused_in_one_line_before_anything_is_injected(params string[] args)
    {
        var platform = new FakePlatform
        {
            Capabilities = new PlatformCapabilities(
                new Dictionary<FaultKind, string> { [FaultKind.MachineLoss] = "reboot", [FaultKind.OverloadTarget] = "load" }, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30)),
        };

        var result = await Run(platform, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "chaos: scenario primary-hang needs the fault freeze, which platform fake (stack local) cannot inject; remove primary-hang from resilience:gameday.scenarios in Pulumi.local.yaml",
            result.Error.Trim());
        Assert.Empty(platform.Calls);
        Assert.Equal(0, platform.Observations);
    }

    [Fact]
    public async Task Dry_run_says_what_it_would_do_and_injects_nothing()
    {
        var platform = new FakePlatform();

        var result = await Run(platform, "run", "primary-failure", "--dry-run", "--seed", "4");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("chaos run primary-failure --dry-run (nothing is injected): stack local (platform fake), seed 4", result.Out, StringComparison.Ordinal);
        Assert.Contains("1. steady state holds: the fault could be injected now", result.Out, StringComparison.Ordinal);
        Assert.Contains("lose the primary's machine (now: pg-1)", result.Out, StringComparison.Ordinal);
        Assert.Contains("machine-loss on platform fake: fake machine-loss", result.Out, StringComparison.Ordinal);
        Assert.Contains("judges: writeUnavailableSeconds <= 4.00 s, lostWrites <= 0", result.Out, StringComparison.Ordinal);
        Assert.Empty(platform.Calls);
    }

    [Fact]
    public async Task Gameday_dry_run_lists_the_plan_of_every_scenario_of_the_stack()
    {
        var result = await Run(new FakePlatform(), "gameday", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        foreach (var scenario in Stacks.Local().Gameday.Scenarios)
        {
            Assert.Contains($"\n{scenario}: ", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_against_a_platform_that_is_not_running_aborts_with_exit_3_and_still_reports()
    {
        var reports = Path.Combine(Path.GetTempPath(), "chaos-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await Run(new FakePlatform { Running = false }, "run", "replica-hardware-failure", "--report-dir", reports);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("verdict: ABORTED, replica-hardware-failure: preflight: the fake cluster is not running; start it with: fake up", result.Out, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(reports, "report.json")));
            Assert.Contains("\"verdict\": \"aborted\"", await File.ReadAllTextAsync(Path.Combine(reports, "report.json")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Run_refuses_to_inject_outside_steady_state_with_exit_3()
    {
        var platform = new FakePlatform { Current = Cluster.Of(Cluster.Replica("pg-2"), Cluster.Replica("pg-3")) };
        var reports = Path.Combine(Path.GetTempPath(), "chaos-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await Run(platform, "run", "primary-failure", "--report-dir", reports);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("preflight refused to inject: no running primary (a failover may be in progress)", result.Out, StringComparison.Ordinal);
            // FakePlatform records an injection as "<fault> <member>"; none may have been made.
            Assert.DoesNotContain(platform.Calls, c => Enum.GetValues<FaultKind>().Any(k => c.StartsWith(FaultNames.Of(k) + " ", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }

    [Fact]
    public async Task Preflight_of_a_managed_platform_that_is_not_running_is_one_line_and_exit_3()
    {
        var result = await Run(new FakePlatform { Running = false }, "preflight");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("chaos: preflight: the fake cluster of stack local is not running; start it with: fake up (chaos gameday starts it itself)", result.Error.Trim());
    }

    [Fact]
    public async Task Help_exits_0()
    {
        var result = await Run(null, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("gameday", result.Out, StringComparison.Ordinal);
    }
}
