using System.Diagnostics;
using Resilience.ChaosSuite.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>
/// An out-of-cluster run as an SRE makes it: the real `chaos` program in its own process, choosing the adapter itself
/// (PlatformFactory), with nothing but a standard kubeconfig file in KUBECONFIG (context, server, bearer token) that
/// points at the API server stand-in, and CHAOS_PROMETHEUS_URL.
/// </summary>
public sealed class KubeconfigProcessTests(ITestOutputHelper log)
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ADryRunFromAStandardKubeconfigReadsTheClusterThroughItsCurrentContext()
    {
        await using var stack = new KubernetesStandInStack();
        var (code, output, error) = await ChaosAsync(stack, context: null, "run", "primary-failure", "--stack", "k8s-staging", "--dry-run");
        log.WriteLine(output + error);
        Assert.True(code == 0, error + output);
        Assert.Contains("steady state holds", output, StringComparison.Ordinal);
        Assert.Contains("(now: pg-default-1)", output, StringComparison.Ordinal);
        // Everything it read came with the kubeconfig's token (the stand-in answers 401 to anything else).
        Assert.Contains(stack.StandIn.Requests, r => r.Path == "/apis/postgresql.cnpg.io/v1/namespaces/databases/clusters/pg-default");
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Method is "DELETE" or "PATCH");
    }

    [Fact]
    public async Task AContextTheKubeconfigDoesNotHaveIsOneLineExitTwoBeforeAnyCall()
    {
        await using var stack = new KubernetesStandInStack();
        var (code, output, error) = await ChaosAsync(stack, context: "prod-eu", "run", "primary-failure", "--stack", "k8s-staging", "--dry-run");
        Assert.Equal(2, code);
        Assert.Equal($"chaos: kubeconfig {stack.Kubeconfig} has no context prod-eu; set CHAOS_KUBE_CONTEXT to one of: stand-in", error.Trim());
        Assert.Equal("", output);
        Assert.Empty(stack.StandIn.Requests);
    }

    // The test project's copy of the chaos program, run as a user runs it: its own process, its own environment.
    private static async Task<(int Code, string Out, string Error)> ChaosAsync(KubernetesStandInStack stack, string? context, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Stacks.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chaos.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = stack.Kubeconfig;
        start.Environment["CHAOS_PROMETHEUS_URL"] = stack.StandIn.Url.ToString();
        start.Environment.Remove("CHAOS_KUBE_NAMESPACE");
        if (context is null)
        {
            start.Environment.Remove("CHAOS_KUBE_CONTEXT");
        }
        else
        {
            start.Environment["CHAOS_KUBE_CONTEXT"] = context;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        using var deadline = new CancellationTokenSource(ProcessDeadline);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
