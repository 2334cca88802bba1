using System.Globalization;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>
/// A CI timeout sends SIGTERM to `chaos` while primary-hang has the primary frozen (SIGSTOP): the real `chaos`
/// process must thaw it, restore the desired state, write its report and exit as aborted, leaving nothing
/// stopped and nothing of its own running.
/// </summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Integration")]
public class SignalIntegrationTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Sigterm_during_primary_hang_thaws_the_primary_reports_aborted_and_leaves_nothing_frozen()
    {
        using var timeout = new CancellationTokenSource(TestSupport.TestTimeouts.Scenario);
        await cluster.SettleAsync(timeout.Token);
        var reports = Directory.CreateTempSubdirectory("chaos-it-sigterm-").FullName;
        using var run = new TestSupport.ChaosRun("run", "primary-hang", "--stack", LocalClusterFixture.StackName, "--stacks-dir", cluster.StacksDir, "--report-dir", reports, "--seed", "5");
        var chaos = run.Process;
        try
        {
            await run.WaitForFaultInjectedAsync(timeout.Token);
            var frozen = StoppedProcesses();
            Assert.True(frozen.Count > 0, "primary-hang reported the fault injected but no process is stopped:\n" + run.Log);

            TestSupport.ChaosProcess.Signal(chaos.Id, "TERM");
            await run.WaitForExitAsync(timeout.Token);
            var log = run.Log;

            Assert.True(chaos.ExitCode == ExitCodes.Aborted, $"exit {chaos.ExitCode}:\n{log}");
            Assert.Contains("chaos: interrupted", log, StringComparison.Ordinal);
            var stillStopped = frozen.Where(pid => StoppedProcesses().Contains(pid)).ToList();
            Assert.True(stillStopped.Count == 0, $"still stopped after chaos exited: {string.Join(", ", stillStopped)}\n{log}");
            var report = await File.ReadAllTextAsync(Path.Combine(reports, "report.json"), timeout.Token);
            Assert.Contains("\"outcome\": \"aborted\"", report, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"phase\": \"fault-lifted\"", report, StringComparison.Ordinal);
            await cluster.SettleAsync(timeout.Token); // the thawed member is demoted or replaced; the stack heals
        }
        finally
        {
            run.Dispose();
            Directory.Delete(reports, recursive: true);
        }
    }

    /// <summary>Processes in state T (stopped by a signal), from /proc/&lt;pid&gt;/stat.</summary>
    private static HashSet<int> StoppedProcesses()
    {
        var stopped = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0]; // the name in parentheses may hold spaces
                if (state == "T")
                {
                    stopped.Add(pid);
                }
            }
            catch (IOException)
            {
                // the process exited while we looked
            }
        }

        return stopped;
    }
}
