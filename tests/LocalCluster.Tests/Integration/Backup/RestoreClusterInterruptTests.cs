using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration.Backup;

/// <summary>
/// A signal to the real <c>restore --cluster</c> CLI while it waits for the restored stack (port base 31450, the restore
/// helper's range): only the watching stops. The CLI says in one line that the supervisor goes on restoring and how to
/// follow it; a second restore meanwhile is refused; the stack comes back by itself with the backed-up rows.
/// </summary>
[Collection(BackupPortsCollection.Name)]
public sealed class RestoreClusterInterruptTests(ITestOutputHelper output)
{
    private const int PortBase = 31450;
    private const string Stack = "ctrlcrestore";
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Restore = TimeSpan.FromSeconds(360);

    [Theory]
    [InlineData(2)] // SIGINT, as Ctrl-C in a terminal
    [InlineData(15)] // SIGTERM, as a CI timeout
    public async Task A_signal_during_the_wait_stops_only_the_watching_and_the_supervisor_restores_the_stack(int signal)
    {
        string stackFile = null!;
        var stateDir = SharedClusterFixture.StateDirFor(PortBase);
        await TemporaryStack.RunAsync(Stack, PortBase, yaml => yaml, options =>
        {
            options.AutomaticBackups = false;
            stackFile = options.StackFilePath!;
        }, output, async controller =>
        {
            string[] target = ["--stack-file", stackFile, "--state-dir", stateDir];
            await controller.UpAsync();
            await Sql.ExecuteAsync(Sql.App(controller, controller.WriteEndpoint), "CREATE TABLE before_loss (id int PRIMARY KEY); INSERT INTO before_loss SELECT g FROM generate_series(1, 100) g");
            await controller.BackupAsync();
            var lost = (await controller.GetStatusAsync()).Members.Select(m => m.Name).ToList();
            await Task.WhenAll(lost.Select(m => controller.KillMemberAsync(m)));

            // The supervisor frozen, the restore stays asked and not started, so the second restore below meets that moment.
            var supervisor = (await controller.GetStatusAsync()).SupervisorPid!.Value;
            Assert.True(Libc.Signal(supervisor, Libc.SigStop));
            try
            {
                using var cli = CliProcess.Start(["restore", "--cluster", "--timeout", "360", .. target]);
                await Poll.UntilAsync(() => Task.FromResult(cli.Stdout.Contains($"restoring stack {Stack} from ", StringComparison.Ordinal)), Quick, "restore --cluster asking the supervisor");
                Assert.True(Libc.Signal(cli.Pid, signal));
                var code = await cli.WaitAsync(Quick);
                output.WriteLine(cli.Stdout + cli.Stderr);

                Assert.Equal(130, code);
                var line = Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith("interrupted: ", line, StringComparison.Ordinal);
                Assert.Contains($"restoring stack {Stack}", line, StringComparison.Ordinal);
                Assert.Contains($"status --stack {Stack}", line, StringComparison.Ordinal);

                await AssertRefusedAsync(target, $"stack {Stack} is being restored from its backups already");
            }
            finally
            {
                Libc.Signal(supervisor, Libc.SigCont);
            }

            // Once the supervisor started the member that restores the repository, a second restore still must not touch it.
            await Poll.UntilAsync(async () => (await controller.GetStatusAsync()).Members.Any(m => !lost.Contains(m.Name)), Quick, "the supervisor starting the restored stack's first member");
            await AssertRefusedAsync(target, "members ");

            var status = await controller.WaitForSteadyAsync(Restore);
            Assert.NotNull(status.Primary);
            Assert.DoesNotContain(status.Members, m => lost.Contains(m.Name));
            Assert.Equal(100L, await Sql.ScalarAsync<long>(Sql.App(controller, controller.WriteEndpoint), "SELECT count(*) FROM before_loss"));
            await Sql.ExecuteAsync(Sql.App(controller, controller.WriteEndpoint), "INSERT INTO before_loss VALUES (101)");
        });

        Assert.Empty(StackProcesses.Running(stateDir));
    }

    /// <summary>A second <c>restore --cluster</c>: one line starting with <paramref name="expected"/>, exit 2.</summary>
    private async Task AssertRefusedAsync(string[] target, string expected)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Quick, ["restore", "--cluster", .. target]);
        output.WriteLine(stdout + stderr);
        Assert.Equal(LocalClusterException.BadInput, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }
}
