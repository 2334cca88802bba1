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
    public async Task AnAwsStackRefusesToStartWithoutACaBundleUnlessTold()
    {
        var (code, error) = await RunAsync("gate", "--stack-file", Staging, "--state-dir", _directory);
        Assert.Equal(2, code);
        Assert.Equal("healthprobes: aws stacks verify the database's TLS certificate: give --pg-ca-file <the RDS CA bundle> (the image has /etc/ssl/rds/global-bundle.pem), or --insecure-skip-tls-verify true to connect without verifying it", error.TrimEnd());

        var ca = Path.Combine(_directory, "ca.pem");
        await File.WriteAllTextAsync(ca, "-----BEGIN CERTIFICATE-----\n");
        (code, error) = await RunAsync("gate", "--stack-file", Staging, "--state-dir", _directory, "--pg-ca-file", ca, "--insecure-skip-tls-verify", "true");
        Assert.Equal(2, code);
        Assert.Equal("healthprobes: --pg-ca-file and --insecure-skip-tls-verify true contradict each other: give one", error.TrimEnd());

        // Either one passes the options; the run then stops where it needs the machine (a taken listen port here).
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var listen = $"127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        foreach (var tls in new string[][] { ["--pg-ca-file", ca], ["--insecure-skip-tls-verify", "true"] })
        {
            (code, error) = await RunAsync(["gate", "--stack-file", Staging, "--state-dir", _directory, "--listen", listen, .. tls]);
            Assert.Equal(HealthProbesCommand.FailureExitCode, code);
            Assert.StartsWith($"healthprobes gate: cannot listen on {listen}", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GateRoleIsForAwsStacksAndNeedsTheMasterPasswordFile()
    {
        var kubernetes = Path.Combine(Path.GetDirectoryName(Staging)!, "Pulumi.k8s-staging.yaml");
        var (code, error) = await RunAsync("gate-role", "--stack-file", kubernetes, "--pg-host", "db");
        Assert.Equal(2, code);
        Assert.Equal("healthprobes: Pulumi.k8s-staging.yaml is a kubernetes stack: gate-role creates the gate's role on Aurora; on kubernetes the Cluster declares it (managed roles)", error.TrimEnd());

        (code, error) = await RunAsync("gate-role", "--stack-file", Staging, "--pg-host", "db", "--insecure-skip-tls-verify", "true");
        Assert.Equal(2, code);
        Assert.StartsWith("healthprobes: --pg-password-file is required: a 0600 file with the master password, or the Secrets Manager secret's JSON", error, StringComparison.Ordinal);

        var secret = Path.Combine(_directory, "master.json");
        await File.WriteAllTextAsync(secret, "{\"username\": \"postgres\"}\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (code, error) = await RunAsync("gate-role", "--stack-file", Staging, "--pg-host", "db", "--pg-password-file", secret, "--insecure-skip-tls-verify", "true");
        Assert.Equal(2, code);
        Assert.Equal($"healthprobes: --pg-password-file: '{secret}' is JSON without a \"password\" string: give the secret's SecretString or the password alone", error.TrimEnd());
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
