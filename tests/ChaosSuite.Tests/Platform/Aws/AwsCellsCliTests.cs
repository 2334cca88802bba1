using Resilience.AwsStandIn;
using Resilience.ChaosSuite.Platform.Aws;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.Topology;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>
/// `chaos` on a stack with several cells (Pulumi.prod.yaml: eu-1 and eu-2, each its own Aurora cluster in the stand-in):
/// every cell in turn, or the one --cell names; and a dry run that cannot reach AWS agrees with preflight.
/// </summary>
public sealed class AwsCellsCliTests(ITestOutputHelper log)
{
    [Fact]
    public async Task WithoutCellADryRunGamedayPlansEveryCellInTurnWithItsOwnClusterAndTemplates()
    {
        await using var cells = new ProdCells();
        var (code, output, error) = await cells.RunAsync("gameday", "--stack", "prod", "--allow-production", "prod", "--dry-run", "--seed", "3");
        log.WriteLine(output);
        Assert.True(code == 0, error + output);
        var first = output.IndexOf("chaos gameday --dry-run (nothing is injected): stack prod, cell eu-1 (platform aws), seed 3", StringComparison.Ordinal);
        var second = output.IndexOf("chaos gameday --dry-run (nothing is injected): stack prod, cell eu-2 (platform aws), seed 3", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, output);
        Assert.Contains("aws:rds:failover-db-cluster on cluster prod-eu-1", output[first..second], StringComparison.Ordinal);
        Assert.Contains("aws:rds:failover-db-cluster on cluster prod-eu-2", output[second..], StringComparison.Ordinal);
        Assert.Contains("(now: prod-eu-2-writer)", output[second..], StringComparison.Ordinal);
        Assert.Empty(cells.StandIn.Experiments);
    }

    [Fact]
    public async Task CellNamesTheOneCellDrivenAndNoOtherIsRead()
    {
        await using var cells = new ProdCells();
        var (code, output, error) = await cells.RunAsync("run", "primary-failure", "--stack", "prod", "--allow-production", "prod", "--cell", "eu-2", "--dry-run");
        Assert.True(code == 0, error + output);
        Assert.Contains("stack prod, cell eu-2 (platform aws)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cell eu-1", output, StringComparison.Ordinal);
        Assert.DoesNotContain(cells.StandIn.Requests, r => r.Form.GetValueOrDefault("DBClusterIdentifier") == "prod-eu-1");
        Assert.Contains(cells.StandIn.Requests, r => r.Form.GetValueOrDefault("DBClusterIdentifier") == "prod-eu-2");
    }

    [Theory]
    [InlineData("gameday", "--dry-run")]
    [InlineData("preflight")]
    [InlineData("run", "primary-failure")]
    public async Task AnUnknownCellIsOneLineExitTwoBeforeAnyCall(params string[] command)
    {
        await using var cells = new ProdCells();
        var (code, output, error) = await cells.RunAsync([.. command, "--stack", "prod", "--allow-production", "prod", "--cell", "eu-3"]);
        Assert.Equal(2, code);
        Assert.Equal("chaos: stack prod has no cell 'eu-3'; its cells are eu-1, eu-2 (resilience:cells in Pulumi.prod.yaml)", error.Trim());
        Assert.Equal("", output);
        Assert.Empty(cells.StandIn.Requests);
    }

    [Theory]
    [InlineData("ExpiredToken", 403)]
    [InlineData("InvalidClientTokenId", 403)]
    public async Task ADryRunThatCannotReachAwsEndsAsPreflightDoesExitThreeSayingWhatWasNotChecked(string code, int status)
    {
        await using var stack = new AwsStandInStack();
        stack.StandIn.InjectError(new InjectedError("DescribeDBClusters", 100, status, code, "The security token included in the request is invalid."));
        var (preflight, _, preflightError) = await AwsCliTests.RunAsync(_ => stack.Platform(), "preflight", "--stack", "staging");
        var (dryRun, plan, dryRunError) = await AwsCliTests.RunAsync(_ => stack.Platform(), "run", "primary-failure", "--stack", "staging", "--dry-run");
        log.WriteLine(plan);

        Assert.Equal(3, preflight);
        Assert.Equal(preflight, dryRun);
        var line = Assert.Single(dryRunError.Trim().Split('\n'));
        Assert.StartsWith("chaos: dry run not checked against the platform: DescribeDBClusters", line, StringComparison.Ordinal);
        Assert.Contains(code, line, StringComparison.Ordinal);
        Assert.Contains(code, preflightError, StringComparison.Ordinal);
        // The plan is still printed, and says it names no member.
        Assert.Contains("the platform cannot be observed now", plan, StringComparison.Ordinal);
        Assert.Contains("writeUnavailableSeconds <= 60", plan, StringComparison.Ordinal);
        Assert.Empty(stack.StandIn.Experiments);
    }

    /// <summary>The prod stack's two cells in one stand-in, each as `pulumi up` creates it.</summary>
    private sealed class ProdCells : IAsyncDisposable
    {
        private static int s_nextPort;

        public ProdCells()
        {
            Spec = StackSpecLoader.LoadStack(Stacks.RepoRoot, "prod");
            // 30192-30199: this class's stand-ins (AwsStandInStack's use 30100-30149, the end-to-end fixture 30150-30191).
            StandIn = new AuroraStandIn(30192 + (Interlocked.Increment(ref s_nextPort) % 8), AwsStandInStack.Region);
            foreach (var cell in Spec.Cells)
            {
                StandInTopology.AddCell(StandIn, "prod", cell.Name, 5432, [.. Spec.Alarms.Select(a => $"prod-{cell.Name}-{a.Name}")]);
            }
        }

        public StackSpec Spec { get; }

        public AuroraStandIn StandIn { get; }

        public Task<(int Code, string Out, string Error)> RunAsync(params string[] args) =>
            AwsCliTests.RunAsync(spec => new AwsPlatform(spec, StackSpecLoader.StackFilePath(Stacks.RepoRoot, "prod"), AwsStandInStack.OptionsFor(StandIn)), args);

        public ValueTask DisposeAsync() => StandIn.DisposeAsync();
    }
}
