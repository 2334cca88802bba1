using System.Net;
using System.Net.Sockets;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Scenarios.TableCorruption;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>Its own real local cluster on ports 31400-31433 (the restore drills' range), with the supervisor's backups on.</summary>
public sealed class RestoreDrillClusterFixture() : LocalClusterFixture(31400, Name)
{
    public const string Name = "restoredrilltest";
}

[CollectionDefinition(Name)]
public sealed class RestoreDrillClusterCollection : ICollectionFixture<RestoreDrillClusterFixture>
{
    public const string Name = "restore drill cluster";
}

/// <summary>
/// The table-corruption drill against the real local stack: pgBackRest's point-in-time copy on a spare port, the
/// table repaired while the workload writes, the copy removed; the ledger must find every write right.
/// </summary>
[Collection(RestoreDrillClusterCollection.Name)]
[Trait("Category", "Integration")]
public class TableCorruptionIntegrationTests(RestoreDrillClusterFixture cluster, ITestOutputHelper output)
{
    [Theory]
    [InlineData(nameof(CorruptionVariant.Overwrite))]
    [InlineData(nameof(CorruptionVariant.Delete))]
    public async Task A_corrupted_table_is_repaired_from_a_point_in_time_copy_keeping_the_later_writes(string variant)
    {
        var result = await cluster.RunAsync(new TableCorruptionScenario(new TableCorruptionOptions { Variant = Enum.Parse<CorruptionVariant>(variant) }));

        var m = result.Measurements;
        output.WriteLine(string.Join(", ", m.Values.Select(v => $"{v.Key} {v.Value}").Concat(m.Observations.Where(o => o.Key is "corruptedRows" or "postFaultWrites" or "copyRestoreSeconds" or "rowsReinserted" or "rowsOverwritten" or "acknowledgedWrites").Select(o => $"{o.Key} {o.Value}"))));
        Assert.True(result.Outcome == ScenarioOutcome.Passed, $"{result.Outcome}: {result.AbortReason} {string.Join("; ", result.Targets.Where(t => !t.Met).Select(t => $"{t.Name} {t.Measured} vs {t.Target} {t.Note}"))}");
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.Equal(0, m.Get(MeasurementNames.PostFaultWritesLost));
        Assert.True(m.Observations["corruptedRows"] > 10, "the bad statement hit too few rows to judge");
        Assert.Equal(m.Observations["corruptedRows"], m.Get(MeasurementNames.CorruptedRowsRestored));
        Assert.True(m.Observations["postFaultWrites"] > 0, "no write was acknowledged between the fault and the repair");
        Assert.Equal(m.Observations["postFaultWrites"], m.Get(MeasurementNames.PostFaultWritesKept));
        Assert.InRange(m.Get(MeasurementNames.RestoreSeconds)!.Value, 0.5, cluster.Spec.Backup.Targets.RestoreSeconds);
        Assert.True(m.Get(MeasurementNames.BackupAgeSeconds) > 0);
        Assert.Equal(variant == nameof(CorruptionVariant.Delete) ? m.Observations["corruptedRows"] : 0, m.Observations["rowsReinserted"]);
        foreach (var phase in new[] { PhaseNames.BackupReady, PhaseNames.RestoreStarted, PhaseNames.CopyReady, PhaseNames.TableRepaired, PhaseNames.CopyDropped })
        {
            Assert.Contains(result.Phases, p => p.Name == phase);
        }

        var copies = Path.Combine(cluster.StateDir, "restores");
        Assert.True(!Directory.Exists(copies) || Directory.GetDirectories(copies).Length == 0, "a restored copy was left behind");
    }

    [Fact]
    public async Task A_copy_left_running_by_a_killed_drill_is_stopped_and_removed_before_the_drill_restores_its_own()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Scenario);
        await cluster.SettleAsync(timeout.Token);
        // As a chaos run killed outright (SIGKILL) leaves it: the drill's copy running on its port, its folder and record on disk.
        var range = await RestorableAsync(timeout.Token);
        var stale = await cluster.Platform.RestoreCopyAsync(range.To, TableCorruptionConstants.CopyName, timeout.Token);
        var copy = Path.Combine(cluster.StateDir, "restores", TableCorruptionConstants.CopyName);
        var staleProcesses = CopyTraces.ProcessesMentioning(copy);
        output.WriteLine($"left copy on port {stale.Endpoint.Port}: {string.Join("; ", staleProcesses)}");
        Assert.NotEmpty(staleProcesses);

        // A copy of that name would make the restore refuse ("already exists"): the drill passes only if it removed it first.
        var result = await cluster.RunAsync(new TableCorruptionScenario(new TableCorruptionOptions { Variant = CorruptionVariant.Overwrite }));

        Assert.True(result.Outcome == ScenarioOutcome.Passed, $"{result.Outcome}: {result.AbortReason}");
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.CopyReady);
        Assert.Equal(0, result.Measurements.Get(MeasurementNames.LostWrites));
        Assert.False(Directory.Exists(copy), $"the copy's folder {copy} is left behind");
        var left = CopyTraces.ProcessesMentioning(copy);
        Assert.True(left.Count == 0, "processes still working in the copy: " + string.Join("; ", left));
        using var listener = new TcpListener(IPAddress.Loopback, stale.Endpoint.Port);
        listener.Start(); // throws when something still listens on the left copy's port
        listener.Stop();
    }

    /// <summary>The restorable window once the supervisor's first backup is listed and the window has a span.</summary>
    private async Task<ChaosSuite.Platform.RestorableRange> RestorableAsync(CancellationToken ct)
    {
        while (true)
        {
            if (await cluster.Platform.GetRestorableRangeAsync(ct) is { } range && range.To > range.From)
            {
                return range;
            }

            await Task.Delay(500, ct);
        }
    }
}
