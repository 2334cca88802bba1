using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Cli;

/// <summary>The CLI as a user runs it, on its own port range (27100) and state directory: errors, up/down, Ctrl-C.</summary>
[Collection("cli")]
public sealed class CliTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PortBase = 27100;
    private static readonly string StateDir = SharedClusterFixture.StateDirFor(PortBase);
    private static readonly string[] Target = ["--stack", "local", "--state-dir", StateDir, "--port-base", "27100"];
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    public Task InitializeAsync() => StopAsync();

    public Task DisposeAsync() => StopAsync();

    [Fact]
    public async Task Unknown_stack_is_one_line_and_exit_code_2()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Quick, "status", "--stack", "nosuch");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("Pulumi.nosuch.yaml: no such stack file in ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Status_of_a_stack_that_is_not_running_says_how_to_start_it()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Quick, ["status", .. Target]);

        Assert.Equal(LocalClusterException.Environment, code);
        Assert.Equal($"stack local is not running (no state in {StateDir}); start it with: up --stack local\n", stderr);
    }

    [Fact]
    public async Task A_port_in_use_is_named_before_anything_starts()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, PortBase + 2);
        squatter.Start();

        var (code, stdout, stderr) = await CliProcess.RunAsync(Quick, ["up", .. Target]);

        Assert.Equal(LocalClusterException.Environment, code);
        Assert.StartsWith($"port {PortBase + 2} (HAProxy write endpoint) is in use by pid {Environment.ProcessId} ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("supervisor", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(StateDir), "nothing may be created when a check fails");
        Assert.Empty(StackProcesses.Running(StateDir));
    }

    [Fact]
    public async Task Up_status_json_and_down_leave_no_process_and_no_listening_port()
    {
        var (up, upOut, upErr) = await CliProcess.RunAsync(TestTimeouts.Up + Quick, ["up", .. Target]);
        output.WriteLine(upOut);
        Assert.True(up == 0, upErr);
        Assert.Contains("stack local steady after ", upOut, StringComparison.Ordinal);

        var (statusCode, json, _) = await CliProcess.RunAsync(Quick, ["status", "--json", .. Target]);
        Assert.Equal(0, statusCode);
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.True(doc.RootElement.GetProperty("isSteady").GetBoolean());
            Assert.Equal($"127.0.0.1:{PortBase + 2}", $"{doc.RootElement.GetProperty("writeEndpoint").GetProperty("host").GetString()}:{doc.RootElement.GetProperty("writeEndpoint").GetProperty("port").GetInt32()}");
            var members = doc.RootElement.GetProperty("members").EnumerateArray().ToList();
            Assert.Equal(3, members.Count);
            Assert.Equal("primary", members[0].GetProperty("role").GetString());
            Assert.All(members, m => Assert.True(m.GetProperty("pid").GetInt32() > 0));
        }

        var owned = StackProcesses.Owned(StateDir);
        Assert.True(owned.Count > 10, $"the stack's processes with PostgreSQL's workers, found {owned.Count}");
        var (down, downOut, downErr) = await CliProcess.RunAsync(Quick, ["down", .. Target]);
        Assert.True(down == 0, downErr);

        // Checked at the moment down returned, without waiting: down itself waits until they are gone.
        Assert.Empty(owned.Where(p => p.IsAlive).Select(p => p.Pid));
        Assert.Contains("no process or port left", downOut, StringComparison.Ordinal);
        Assert.Empty(StackProcesses.Running(StateDir));
        Assert.Empty(StackProcesses.ListeningPorts(PortBase, PortBase + 60));
        Assert.False(Directory.Exists(StateDir));
    }

    [Theory]
    [InlineData(2)] // SIGINT, as Ctrl-C in a terminal
    [InlineData(15)] // SIGTERM, as a CI timeout
    [InlineData(1)] // SIGHUP, as a closed terminal
    public async Task A_signal_during_up_stops_everything_it_started(int signal)
    {
        using var cli = CliProcess.Start(["up", .. Target]);
        await Poll.UntilAsync(
            () => Task.FromResult(cli.Stdout.Contains("waiting for steady state", StringComparison.Ordinal)),
            Quick,
            "up to start its supervisor");
        // Let the supervisor start processes (etcd, HAProxy, the first member) before the interrupt.
        await Poll.UntilAsync(() => Task.FromResult(StackProcesses.Running(StateDir).Count >= 4), Quick, "the stack's first processes");

        var owned = StackProcesses.Owned(StateDir);
        Libc.Signal(cli.Pid, signal);
        var code = await cli.WaitAsync(Quick);

        Assert.Equal(130, code);
        Assert.Contains("interrupted: stopping everything this up started", cli.Stdout, StringComparison.Ordinal);
        Assert.Empty(owned.Where(p => p.IsAlive).Select(p => p.Pid));
        Assert.Empty(StackProcesses.Running(StateDir));
        Assert.Empty(StackProcesses.ListeningPorts(PortBase, PortBase + 60));
        Assert.False(Directory.Exists(StateDir));
    }

    private static async Task StopAsync()
    {
        var controller = LocalClusterController.Create(StackSpecLoader.LoadStack(RepoPaths.Root, "local"), SharedClusterFixture.Options(PortBase));
        await controller.DownAsync();
    }
}
