using Xunit.Abstractions;
using Resilience.ChaosSuite.Cli;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>`chaos` against the staging stack on the AWS stand-in: what a dry run and a refusal print.</summary>
public sealed class AwsCliTests(ITestOutputHelper log)
{
    private static Task<(int Code, string Out, string Error)> RunAsync(AwsStandInStack stack, params string[] args) =>
        RunAsync(_ => stack.Platform(), args);

    /// <summary>Runs `chaos` in the repository with <paramref name="platform"/> as the stack's adapter.</summary>
    internal static async Task<(int Code, string Out, string Error)> RunAsync(Func<Resilience.Topology.StackSpec, Resilience.ChaosSuite.Platform.IDatabasePlatform> platform, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            IsTerminal = false,
            WorkingDirectory = Stacks.RepoRoot,
            CreatePlatform = (spec, _) => platform(spec),
        };
        var code = await ChaosCli.RunAsync(args, env);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ADryRunOfPrimaryFailureNamesTheTemplateTheClusterAndTheTargets()
    {
        await using var stack = new AwsStandInStack();
        var template = stack.StandIn.Templates.Single(t => t.Tags["resilience:scenario"] == "primary-failure").Id;
        var (code, output, error) = await RunAsync(stack, "run", "primary-failure", "--stack", "staging", "--dry-run", "--report-dir", Path.GetTempPath());
        log.WriteLine(output);
        Assert.True(code == 0, error + output);
        Assert.Contains($"FIS template {template} (aws:rds:failover-db-cluster on cluster staging-eu-1", output, StringComparison.Ordinal);
        Assert.Contains("on Aurora a machine loss is a reboot", output, StringComparison.Ordinal);
        Assert.Contains("(now: staging-eu-1-writer)", output, StringComparison.Ordinal);
        Assert.Contains("writeUnavailableSeconds <= 60", output, StringComparison.Ordinal);
        Assert.Empty(stack.StandIn.Experiments);
    }

    [Fact]
    public async Task PrimaryHangIsRefusedOnAwsBeforeAnythingIsCalled()
    {
        await using var stack = new AwsStandInStack();
        var (code, _, error) = await RunAsync(stack, "run", "primary-hang", "--stack", "staging");
        Assert.Equal(2, code);
        Assert.Equal("chaos: scenario primary-hang needs the fault freeze, which platform aws (stack staging) cannot inject; remove primary-hang from resilience:gameday.scenarios in Pulumi.staging.yaml", error.Trim());
        Assert.Empty(stack.StandIn.Requests);
    }

    [Fact]
    public async Task PreflightWithAMissingTemplateSaysWhatIsMissingInOneLine()
    {
        await using var stack = new AwsStandInStack();
        stack.StandIn.Templates.RemoveAll(t => t.Tags["resilience:scenario"] == "primary-failure");
        var (code, _, error) = await RunAsync(stack, "preflight", "--stack", "staging");
        Assert.Equal(3, code);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("resilience:scenario=primary-failure", line, StringComparison.Ordinal);
    }
}
