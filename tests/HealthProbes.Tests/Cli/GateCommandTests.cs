using Resilience.HealthProbes.Cli;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.Cli;

/// <summary><c>healthprobes gate</c>: bad input is one line on stderr and exit code 2, before anything starts.</summary>
public sealed class GateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("healthprobes-gate-").FullName;

    private static string Staging => Path.Combine(RepositoryLocator.FindAbove(AppContext.BaseDirectory, RepositoryLocator.SolutionFile)!, "Pulumi.staging.yaml");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ALocalStackIsRefused()
    {
        var stack = TestStacks.Write(_directory);
        var (code, error) = await RunAsync("gate", "--stack-file", stack, "--state-dir", _directory);
        Assert.Equal(2, code);
        Assert.Equal("healthprobes: Pulumi.test.yaml is a local stack: there HealthProbes runs beside every member and HAProxy reads /health/ready; the gate controller is for aws and kubernetes stacks", error.TrimEnd());
    }

    [Theory]
    [InlineData("--cells", "eu-9", "healthprobes: --cells: no cell eu-9 in Pulumi.staging.yaml; cells: eu-1")]
    [InlineData("--iam-auth", "maybe", "healthprobes: --iam-auth must be true or false, got 'maybe'")]
    [InlineData("--aws-endpoint-url", "ftp://x", "healthprobes: --aws-endpoint-url must be an http(s) URL, got 'ftp://x'")]
    [InlineData("--control-plane-interval-ms", "5", "healthprobes: --control-plane-interval-ms must be a whole number of milliseconds 100..600000, got '5'")]
    public async Task ABadValueIsOneLine(string option, string value, string expected)
    {
        var (code, error) = await RunAsync("gate", "--stack-file", Staging, "--state-dir", _directory, option, value);
        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Fact]
    public async Task TheStateDirectoryIsRequired()
    {
        var (code, error) = await RunAsync("gate", "--stack-file", Staging);
        Assert.Equal(2, code);
        Assert.Equal("healthprobes: --state-dir is required (or HEALTHPROBES_STATE_DIR)", error.TrimEnd());
    }

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var error = new StringWriter();
        var code = await HealthProbesCommand.RunAsync(args, _ => null, error);
        return (code, error.ToString());
    }
}
