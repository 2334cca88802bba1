using Resilience.ChaosSuite.Tests.Platform.Aws;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>`chaos` against the k8s-staging stack on the Kubernetes stand-in: what a dry run, a refusal and a failed preflight print.</summary>
public sealed class KubernetesCliTests(ITestOutputHelper log)
{
    private static Task<(int Code, string Out, string Error)> RunAsync(KubernetesStandInStack stack, params string[] args) =>
        AwsCliTests.RunAsync(_ => stack.Platform(), args);

    [Fact]
    public async Task ADryRunOfPrimaryFailureSaysWhatWouldBeDeletedAndDeletesNothing()
    {
        await using var stack = new KubernetesStandInStack();
        var (code, output, error) = await RunAsync(stack, "run", "primary-failure", "--stack", "k8s-staging", "--dry-run");
        log.WriteLine(output);
        Assert.True(code == 0, error + output);
        Assert.Contains("platform kubernetes", output, StringComparison.Ordinal);
        Assert.Contains("steady state holds", output, StringComparison.Ordinal);
        Assert.Contains("the primary's pod deleted with grace period 0", output, StringComparison.Ordinal);
        Assert.Contains("pg-default-1", output, StringComparison.Ordinal);
        Assert.Contains("writeUnavailableSeconds <= 30", output, StringComparison.Ordinal);
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Method is "DELETE" or "PATCH");
    }

    [Fact]
    public async Task ADryRunWithAnUnhealthyClusterSaysItWouldRefuse()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Pods.Single(p => p.Name == "pg-default-2").Ready = false;
            stack.StandIn.Pods.Single(p => p.Name == "pg-default-3").Labels.Remove("resilience.dev/warm");
        }

        var (code, output, _) = await RunAsync(stack, "run", "replica-hardware-failure", "--stack", "k8s-staging", "--dry-run");
        Assert.Equal(0, code);
        Assert.Contains("would refuse to inject: group readers has 0 warm replica(s) in the read endpoint, its minimum is 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrimaryHangIsRefusedOnKubernetesBeforeAnythingIsCalled()
    {
        await using var stack = new KubernetesStandInStack();
        var (code, _, error) = await RunAsync(stack, "run", "primary-hang", "--stack", "k8s-staging");
        Assert.Equal(2, code);
        Assert.Equal("chaos: scenario primary-hang needs the fault freeze, which platform kubernetes (stack k8s-staging) cannot inject; remove primary-hang from resilience:gameday.scenarios in Pulumi.k8s-staging.yaml", error.Trim());
        Assert.Empty(stack.StandIn.Requests);
    }

    [Fact]
    public async Task PreflightWithoutTheClusterIsOneLineAndExit3()
    {
        await using var stack = new KubernetesStandInStack();
        stack.StandIn.Cluster = null;
        var (code, _, error) = await RunAsync(stack, "preflight", "--stack", "k8s-staging");
        Assert.Equal(3, code);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("chaos: preflight: Cluster pg-default not found in namespace databases", line, StringComparison.Ordinal);
    }
}
