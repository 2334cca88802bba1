using System.Globalization;
using Npgsql;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.ClusterLoss;

/// <summary>
/// A restore drill: every member and its storage are lost at once while the workload writes; the stack is restored
/// from its backups into a new cluster behind the same endpoints. Judged: restoreSeconds (the loss to the first
/// acknowledged write on the restored stack) and recoveryPointSeconds (the span of acknowledged writes lost, from
/// the ledger); the report says what bounds the loss on the platform.
/// </summary>
internal sealed class ClusterLossScenario : ChaosScenario
{
    private readonly ClusterLossOptions _options;
    private RecoveryPointLoss? _loss;
    private string? _bound;
    private double? _archiveAgeAtLoss;

    /// <summary>Creates the scenario.</summary>
    public ClusterLossScenario(ClusterLossOptions? options = null) => _options = options ?? new ClusterLossOptions();

    /// <inheritdoc />
    public override string Name => ClusterLossConstants.Name;

    /// <inheritdoc />
    public override string Summary => "every member and its storage lost: the stack is restored from its backups into a new cluster";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.ClusterLoss];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } = [MeasurementNames.RestoreSeconds, MeasurementNames.RecoveryPointSeconds];

    /// <inheritdoc />
    public override string? SpecProblem(StackSpec spec) => RestoreDrills.SpecProblem(spec);

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _options.BackupWait + TimeSpan.FromSeconds(spec.Backup.Targets.RestoreSeconds + spec.RecoveryTargets.ReplacementSeconds) + (2 * _options.RecoveryGrace) + _options.HardDeadlineMargin;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var targets = spec.Backup.Targets;
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"wait for a backup to restore from (up to {_options.BackupWait.TotalSeconds:0} s)"),
            $"while the workload writes, lose every member{(observation is null ? "" : $" (now: {string.Join(", ", observation.Members.Select(m => m.Name))})")} and its storage at once",
            $"restore the stack from its backups into a new cluster behind the same endpoints; wait for a write to be acknowledged (restoreSeconds <= {Judge.Format(MeasurementNames.RestoreSeconds, targets.RestoreSeconds)})",
            $"wait for every group to be back at its desired count of warm members (replacementSeconds <= {Judge.Format(MeasurementNames.ReplacementSeconds, spec.RecoveryTargets.ReplacementSeconds)}, reported)",
            $"check the ledger on the restored stack: the span of acknowledged writes lost (recoveryPointSeconds <= {Judge.Format(MeasurementNames.RecoveryPointSeconds, targets.RecoveryPointSeconds)})",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var restore = RestoreDrills.Restores(context, FaultKind.ClusterLoss);
        _bound = restore.RecoveryPointBound;
        await RestoreDrills.WaitForBackupAsync(context, restore, _options.BackupWait, cancellationToken);
        var primary = context.Latest.Primary ?? throw new PlatformException("no primary: the stack is not steady enough to lose");
        var lost = context.Latest.Members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var fault = await context.InjectAsync($"every member lost with its storage ({context.Platform.Capabilities.Describe(FaultKind.ClusterLoss)})",
            FaultKind.ClusterLoss, primary, expectedFailovers: 1, cancellationToken);
        // Taken once every kill returned: a write issued while the members were still going down may be acknowledged by the
        // dying primary, which is not the restored stack serving again.
        var firstIdAfter = context.Workload.NextWriteId;

        var lostAt = context.Clock.TimeProvider.GetUtcNow();
        context.Mark(PhaseNames.RestoreStarted, "the stack restored from its backups into a new cluster");
        await restore.RestoreStackAsync(cancellationToken);
        // What bounds the loss, measured: how long before the loss the newest WAL reached the repository. Read once the
        // restore was asked (nothing may delay it: the supervisor would heal the lost members first) and beside it; the
        // new primary archives nothing before its recovery ends, and a newer file than the loss means it already did.
        var archived = Task.Run(() => ArchivedBeforeLossAsync(restore, lostAt, cancellationToken), cancellationToken);
        var targets = context.Spec.Backup.Targets;
        await ScenarioWaits.FirstWriteAfterFaultAsync(context, firstIdAfter, TimeSpan.FromSeconds(targets.RestoreSeconds) + _options.RecoveryGrace, cancellationToken);
        await ScenarioWaits.ConditionAsync(context, "every group back at desired count, warm, in the read endpoint",
            o => ClusterLossRecovery.IsRestored(o, lost, context.DesiredByGroup),
            TimeSpan.FromSeconds(targets.RestoreSeconds + context.Spec.RecoveryTargets.ReplacementSeconds) + _options.RecoveryGrace, cancellationToken);

        _archiveAgeAtLoss = await archived;
        IReadOnlyDictionary<long, string?> rows;
        try
        {
            rows = await context.Workload.ReadLedgerRowsAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new PlatformException($"reading the ledger on the restored stack failed: {e.Message}", e);
        }

        // Up to when the kills returned: a write the dying primary acknowledged while the machines went down counts too.
        _loss = RecoveryPoint.Measure(context.Workload.Ledger.Snapshot(), fault.EffectiveAt, rows.Keys.ToHashSet());
        context.Info(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {_loss.Lost.Count} of {_loss.AcknowledgedBeforeFault} writes acknowledged before the loss are gone, spanning {_loss.Seconds:0.00} s"));
    }

    /// <inheritdoc />
    public override void Measure(ScenarioContext context, TimelineSnapshot timeline, MeasurementSet measurements, ICollection<PhaseMark> phases)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ClusterLossMeasurements.Set(measurements, _loss, _bound, _archiveAgeAtLoss);
    }

    /// <summary>Seconds between the newest WAL reaching the repository and the loss, or null when the window cannot be read.</summary>
    private static async Task<double?> ArchivedBeforeLossAsync(IPointInTimeRestore restore, DateTimeOffset lostAt, CancellationToken ct)
    {
        try
        {
            return await restore.GetRestorableRangeAsync(ct) is { } range && range.To <= lostAt ? (lostAt - range.To).TotalSeconds : null;
        }
        catch (PlatformException)
        {
            return null;
        }
    }
}

/// <summary>Turns a cluster-loss drill's ledger check into its measurements (pure: unit-tested).</summary>
internal static class ClusterLossMeasurements
{
    /// <summary>
    /// restoreSeconds is the fault to the first acknowledged write (the shared writeUnavailableSeconds); recoveryPointSeconds
    /// comes from <paramref name="loss"/>; <paramref name="archiveAgeAtLoss"/> (how long before the loss the newest WAL
    /// reached the repository) is what bounds it, reported as archiveAgeAtLossSeconds.
    /// </summary>
    public static void Set(MeasurementSet measurements, RecoveryPointLoss? loss, string? bound, double? archiveAgeAtLoss = null)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var serving = measurements.Get(MeasurementNames.WriteUnavailableSeconds);
        measurements.Set(MeasurementNames.RestoreSeconds, serving, serving is null ? "no write was acknowledged on a restored stack" : "the loss to the first acknowledged write on the restored stack");
        measurements.Set(MeasurementNames.RecoveryPointSeconds, loss?.Seconds, loss is null
            ? "the ledger was not checked on a restored stack"
            : $"{loss.Lost.Count} of {loss.AcknowledgedBeforeFault} writes acknowledged before the loss are gone; bounded by {bound ?? "the platform's archiving"}");
        if (loss is not null)
        {
            measurements.Observe("writesLostByRestore", loss.Lost.Count);
        }

        measurements.Observe("archiveAgeAtLossSeconds", archiveAgeAtLoss);
    }
}
