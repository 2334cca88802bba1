using Resilience.HealthProbes.Cli;
using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.Cli;

/// <summary>User errors end in one line on stderr and exit code 2, never a stack trace.</summary>
public sealed class HealthProbesCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "healthprobes-cmd-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--pg-port")]
    public async Task A_parse_error_is_one_line_and_exit_2(string argument)
    {
        var (code, error) = await RunAsync(argument);

        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("healthprobes: ", error, StringComparison.Ordinal);
        Assert.EndsWith("(see --help)", error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_is_one_line_and_exit_2()
    {
        var stack = TestStacks.Write(_directory);

        var (code, error) = await RunAsync("--stack-file", stack, "--group", "readers");

        Assert.Equal(2, code);
        Assert.Equal("healthprobes: --state-dir is required (or HEALTHPROBES_STATE_DIR)", error.TrimEnd());
    }

    [Fact]
    public async Task A_bad_stack_file_prints_the_topology_error_and_exits_2()
    {
        Directory.CreateDirectory(_directory);
        var stack = Path.Combine(_directory, "Pulumi.bad.yaml");
        await File.WriteAllTextAsync(stack, "config:\n  resilience:platform: mars\n");

        var (code, error) = await RunAsync("--stack-file", stack, "--group", "readers", "--state-dir", _directory);

        Assert.Equal(2, code);
        Assert.Equal("healthprobes: Pulumi.bad.yaml: resilience:platform: must be local, aws or kubernetes, got 'mars'", error.TrimEnd());
    }

    [Fact]
    public async Task A_taken_listen_port_is_one_line_and_exit_1()
    {
        var stack = TestStacks.Write(_directory);
        var port = TestPorts.Next();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        taken.Start();

        var (code, error) = await RunAsync("--stack-file", stack, "--group", "readers", "--state-dir", Path.Combine(_directory, "s"), "--listen", $"127.0.0.1:{port}", "--pg-port", $"{TestPorts.Next()}");

        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith($"healthprobes: cannot listen on 127.0.0.1:{port}: ", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var error = new StringWriter();
        var code = await HealthProbesCommand.RunAsync(args, _ => null, error);
        return (code, error.ToString());
    }
}
