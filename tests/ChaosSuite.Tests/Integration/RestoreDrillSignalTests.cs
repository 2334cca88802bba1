using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>
/// A CI timeout (SIGTERM) or a user (Ctrl-C, SIGINT) stops the real `chaos` process while the table-corruption drill
/// is restoring its point-in-time copy: no copy may be left running or on disk, its port must be free, the rows the
/// bad statement hit must be back as they were (nothing injected is left), and the stack itself must be untouched.
/// </summary>
[Collection(RestoreDrillClusterCollection.Name)]
[Trait("Category", "Integration")]
public class RestoreDrillSignalTests(RestoreDrillClusterFixture cluster, ITestOutputHelper output)
{
    private const string CopyName = "drill-table-corruption";

    [Theory]
    [InlineData("TERM", 5, "overwrote")] // seed 5 picks the overwrite variant, seed 6 the delete one (checked below)
    [InlineData("INT", 6, "deleted")]
    public async Task A_signal_during_the_restore_leaves_no_copy_nothing_injected_and_the_stack_untouched(string signal, int seed, string variant)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Scenario);
        await cluster.SettleAsync(timeout.Token);
        var before = await cluster.Platform.ObserveAsync(timeout.Token);
        var copy = Path.Combine(cluster.StateDir, "restores", CopyName);
        var reports = Directory.CreateTempSubdirectory("chaos-it-restore-signal-").FullName;
        var lines = new ConcurrentQueue<string>();
        using var chaos = ChaosProcess.Start("run", "table-corruption", "--stack", RestoreDrillClusterFixture.Name, "--stacks-dir", cluster.StacksDir,
            "--report-dir", reports, "--seed", seed.ToString(CultureInfo.InvariantCulture));
        chaos.OutputDataReceived += (_, e) => Collect(e.Data);
        chaos.ErrorDataReceived += (_, e) => Collect(e.Data);
        chaos.BeginOutputReadLine();
        chaos.BeginErrorReadLine();
        try
        {
            // The copy's record is written just before pgBackRest starts restoring into its folder.
            while (!File.Exists(Path.Combine(copy, "copy.json")))
            {
                Assert.False(chaos.HasExited, "chaos exited before the restore started:\n" + Log());
                await Task.Delay(50, timeout.Token);
            }

            var port = CopyTraces.Port(copy);
            ChaosProcess.Signal(chaos.Id, signal);
            await chaos.WaitForExitAsync(timeout.Token);
            output.WriteLine(Log());

            Assert.True(chaos.ExitCode == ExitCodes.Aborted, $"exit {chaos.ExitCode}:\n{Log()}");
            Assert.Contains("chaos: interrupted", Log(), StringComparison.Ordinal);
            Assert.Contains($"bad statement {variant}", Log(), StringComparison.Ordinal);

            // No copy: not on disk, no process working in it (pgBackRest or its postgres), its port free.
            Assert.False(Directory.Exists(copy), $"the copy's folder {copy} is left behind");
            var inCopy = CopyTraces.ProcessesMentioning(copy);
            Assert.True(inCopy.Count == 0, "processes still working in the copy: " + string.Join("; ", inCopy));
            using (var listener = new TcpListener(IPAddress.Loopback, port))
            {
                listener.Start(); // throws when something still listens on the copy's port
                listener.Stop();
            }

            var report = Assert.Single(JsonReport.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json"), timeout.Token))!.Scenarios);
            Assert.Equal("aborted", report.Outcome);
            var phases = report.Timeline.Select(p => p.Phase).ToList();
            Assert.Contains(PhaseNames.RestoreStarted, phases);
            Assert.DoesNotContain(PhaseNames.CopyReady, phases); // the signal came in the middle of the restore
            Assert.DoesNotContain(PhaseNames.TableRepaired, phases);
            Assert.Contains(PhaseNames.CopyDropped, phases);

            // Nothing injected is left: every row the bad statement hit is back (the ledger, checked after the rollback, agrees).
            var undone = Assert.Single(report.Timeline, p => p.Phase == PhaseNames.CorruptionUndone).Detail!;
            var hit = report.Observations["corruptedRows"];
            Assert.True(hit > 0, "the bad statement hit no row");
            Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{hit} of the {hit} rows the bad statement hit put back"), undone, StringComparison.Ordinal);
            Assert.EndsWith("; 0 still wrong", undone, StringComparison.Ordinal);
            Assert.Equal(0, report.Measurements["lostWrites"]);

            // The stack was never touched: the same members, the same primary, in the same incarnation.
            var after = await cluster.Platform.ObserveAsync(timeout.Token);
            Assert.Equal(Identities(before), Identities(after));
            Assert.Equal(before.Primary?.Name, after.Primary?.Name);
            await cluster.SettleAsync(timeout.Token);
        }
        finally
        {
            if (!chaos.HasExited)
            {
                chaos.Kill(entireProcessTree: true);
            }

            Directory.Delete(reports, recursive: true);
        }

        void Collect(string? line)
        {
            if (line is not null)
            {
                lines.Enqueue(line);
            }
        }

        string Log() => string.Join('\n', lines);
    }

    private static IEnumerable<string> Identities(ChaosSuite.Platform.ClusterObservation observation) =>
        observation.Members.Select(m => $"{m.Name} {m.Incarnation}").Order(StringComparer.Ordinal);
}
