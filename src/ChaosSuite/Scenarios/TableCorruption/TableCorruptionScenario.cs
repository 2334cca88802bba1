using System.Globalization;
using Npgsql;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>
/// A restore drill: while the workload writes, a bad statement corrupts a share of its table's rows (wrong values
/// over a column, or deleted rows). The drill restores a point-in-time copy of the stack to the moment just before
/// the statement committed, beside the stack, repairs the table from it while the application writes on (the rows
/// written after the fault are kept), and removes the copy. The ledger judges the result: every write acknowledged
/// before the fault right again, every write after it kept.
/// </summary>
internal sealed class TableCorruptionScenario : ChaosScenario
{
    private readonly TableCorruptionOptions _options;
    private DrillRecord? _drill;
    private bool _copyRequested;
    private bool _copyDropped;
    private Corruption? _corruption;

    /// <summary>Creates the scenario.</summary>
    public TableCorruptionScenario(TableCorruptionOptions? options = null)
    {
        _options = options ?? new TableCorruptionOptions();
        if (_options.Share is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Share, "TableCorruptionOptions.Share must be in (0, 1]");
        }
    }

    /// <inheritdoc />
    public override string Name => TableCorruptionConstants.Name;

    /// <inheritdoc />
    public override string Summary => "a bad statement corrupts rows of a table: repaired from a point-in-time copy, the rows written after it kept";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.DataCorruption];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
        [MeasurementNames.RestoreSeconds, MeasurementNames.LostWrites, MeasurementNames.PostFaultWritesLost];

    /// <inheritdoc />
    public override string? SpecProblem(StackSpec spec) => RestoreDrills.SpecProblem(spec);

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _options.BackupWait + TimeSpan.FromSeconds(spec.Backup.Targets.RestoreSeconds) + _options.RecoveryGrace + _options.HardDeadlineMargin;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var variant = _options.Variant is { } v ? Describe(v) : "overwrite a column of, or delete (the variant follows --seed),";
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"wait for a backup to restore from (up to {_options.BackupWait.TotalSeconds:0} s; the platform takes the first once the stack is steady)"),
            string.Create(CultureInfo.InvariantCulture, $"while the workload writes, a bad statement through the write endpoint: {variant} {_options.Share:P0} of the workload's rows"),
            $"restore a point-in-time copy to the moment just before the statement committed, as {_options.CopyName} beside the stack",
            $"repair the table from the copy, keeping the rows written after the fault (restoreSeconds <= {Judge.Format(MeasurementNames.RestoreSeconds, spec.Backup.Targets.RestoreSeconds)}, from the fault)",
            $"remove the copy (always, also on a safety stop or Ctrl-C; an interrupted drill puts back the rows it hit from the bad statement's pre-image); judge from the ledger: lostWrites before the fault <= {spec.RecoveryTargets.LostWrites}, postFaultWritesLost <= 0",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var restore = RestoreDrills.Restores(context, FaultKind.DataCorruption);
        var variant = _options.Variant ?? (context.Random.Next(2) == 0 ? CorruptionVariant.Overwrite : CorruptionVariant.Delete);
        var table = context.Workload.LedgerTable;

        // Nothing is corrupted until a restore can repair it: the backup must end before the fault.
        await RestoreDrills.WaitForBackupAsync(context, restore, _options.BackupWait, cancellationToken);
        // A copy of that name left by a run that was killed outright (SIGKILL) is removed first.
        await restore.DropCopyAsync(_options.CopyName, cancellationToken);

        var builder = context.Access.ConnectionString(context.Access.Write);
        builder.Pooling = false;
        builder.ApplicationName = "chaos-table-corruption";
        await using var live = context.Access.CreateDataSource(builder);
        Corruption? corruption = null;
        var faultWall = context.Clock.TimeProvider.GetUtcNow();
        var fault = await context.InjectAsync($"bad statement: {Describe(variant)} {_options.Share.ToString("P0", CultureInfo.InvariantCulture)} of the rows of table {table}", null, expectedFailovers: 0, async () =>
        {
            faultWall = context.Clock.TimeProvider.GetUtcNow();
            corruption = await Database("the bad statement", () => BadStatement.RunAsync(live, table, context.Workload.RunId, variant, _options.Share, cancellationToken));
            _corruption = corruption;
        });
        _drill = new DrillRecord(fault.InjectedAt, faultWall, corruption!, null, null, null, null);
        context.Info(BadStatement.Describe(variant, _options.Share, table, corruption!.Ids.Count));

        // Past the target and its grace the drill stops waiting: a miss is measured (restoreSeconds not reached), not a crash.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(context.Spec.Backup.Targets.RestoreSeconds) + _options.RecoveryGrace);
        try
        {
            await RestoreAndRepairAsync(context, restore, live, table, corruption.Before, budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            context.Info(string.Create(CultureInfo.InvariantCulture, $"the table was not repaired within {(TimeSpan.FromSeconds(context.Spec.Backup.Targets.RestoreSeconds) + _options.RecoveryGrace).TotalSeconds:0} s of the fault"));
            return;
        }
        finally
        {
            await DropCopyAsync(context, restore, CancellationToken.None);
        }

        await context.DelayAsync(TableCorruptionConstants.AfterRepair, cancellationToken);
        var rows = await Database("reading the ledger's rows", () => context.Workload.ReadLedgerRowsAsync(cancellationToken));
        var judgement = RepairLedger.Judge(context.Workload.Ledger.Snapshot(), _drill.FaultAt, _drill.RepairedAt!.Value, corruption.Ids, rows);
        _drill = _drill with { Judgement = judgement };
        context.Info($"ledger: {judgement.LostBeforeFault.Count} of {judgement.AcknowledgedBeforeFault} writes before the fault lost, {judgement.CorruptedRestored} of {judgement.CorruptedRows} corrupted rows right again, {judgement.PostFaultKept} of {judgement.PostFaultWrites} later writes kept");
    }

    /// <inheritdoc />
    public override async Task RollbackAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            if (context.Platform is IPointInTimeRestore restore)
            {
                await DropCopyAsync(context, restore, cancellationToken);
            }
        }
        finally
        {
            // Also when the copy could not be dropped: the stack's table must not stay corrupted.
            await UndoCorruptionAsync(context, cancellationToken);
        }
    }

    /// <inheritdoc />
    public override void Measure(ScenarioContext context, TimelineSnapshot timeline, MeasurementSet measurements, ICollection<PhaseMark> phases)
    {
        if (_drill is not null)
        {
            TableCorruptionMeasurements.Set(measurements, _drill);
        }
    }

    private async Task RestoreAndRepairAsync(ScenarioContext context, IPointInTimeRestore restore, NpgsqlDataSource live, string table, DateTimeOffset before, CancellationToken ct)
    {
        context.Mark(PhaseNames.RestoreStarted, $"point-in-time copy to {before.UtcDateTime:HH:mm:ss.ffffff}");
        _copyRequested = true;
        var copy = await restore.RestoreCopyAsync(before, _options.CopyName, ct);
        _drill = _drill! with { Copy = copy };
        context.Mark(PhaseNames.CopyReady, string.Create(CultureInfo.InvariantCulture, $"{copy.Endpoint} from backup {copy.BackupLabel} ({copy.PlatformSeconds:0.0} s)"));

        var copyConnection = context.Access.ConnectionString(copy.Endpoint);
        copyConnection.Pooling = false;
        await using var source = (copy.Password ?? context.Access.Password).CreateDataSource(copyConnection);
        var counts = await Database("the repair", () => TableRepair.RunAsync(source, live, table, ct));
        var repairedAt = context.Mark(PhaseNames.TableRepaired, $"{counts.Reinserted} rows reinserted, {counts.Overwritten} overwritten, {counts.KeptAfterFault} written after the fault kept").At;
        _drill = _drill with { RepairedAt = repairedAt, Repair = counts };
    }

    private async Task DropCopyAsync(ScenarioContext context, IPointInTimeRestore restore, CancellationToken ct)
    {
        if (!_copyRequested || _copyDropped)
        {
            return;
        }

        await restore.DropCopyAsync(_options.CopyName, ct);
        _copyDropped = true;
        context.Mark(PhaseNames.CopyDropped, _options.CopyName);
    }

    /// <summary>
    /// Nothing injected is left: rows the bad statement hit that are still wrong are put back from its pre-image. After
    /// a repair there are none (the phase says 0, which checks the repair once more); after Ctrl-C, SIGTERM, a safety
    /// stop or a failed restore, these are the rows the drill could not repair.
    /// </summary>
    private async Task UndoCorruptionAsync(ScenarioContext context, CancellationToken ct)
    {
        if (_corruption is not { } corruption)
        {
            return;
        }

        var builder = context.Access.ConnectionString(context.Access.Write);
        builder.Pooling = false;
        builder.ApplicationName = "chaos-table-corruption-rollback";
        await using var live = context.Access.CreateDataSource(builder);
        var undo = await Database("putting back the rows the bad statement hit", () => CorruptionUndo.RunAsync(live, context.Workload.LedgerTable, corruption, ct));
        _corruption = null;
        context.Mark(PhaseNames.CorruptionUndone, string.Create(CultureInfo.InvariantCulture,
            $"{undo.PutBack} of the {corruption.Ids.Count} rows the bad statement hit put back from its pre-image{(_drill?.RepairedAt is null ? " (the table was not repaired)" : " (0 expected after the repair)")}; {undo.StillWrong} still wrong"));
        if (undo.StillWrong > 0)
        {
            throw new PlatformException(string.Create(CultureInfo.InvariantCulture, $"{undo.StillWrong} rows the bad statement hit are still wrong after the rollback in table {context.Workload.LedgerTable}"));
        }
    }

    /// <summary>A database error of the drill's own statements is the platform failing, reported in one line.</summary>
    private static async Task<T> Database<T>(string what, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new PlatformException($"{what} failed: {e.Message}", e);
        }
    }

    private static string Describe(CorruptionVariant variant) =>
        variant == CorruptionVariant.Overwrite ? "overwrite the payload column of" : "delete";
}
