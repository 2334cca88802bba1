using System.Globalization;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>What the restore drills (table-corruption, cluster-loss) share: the stack's backup section and a backup to restore from.</summary>
internal static class RestoreDrills
{
    /// <summary>The refusal of a stack file without <c>resilience:backup</c> (see <see cref="ChaosScenario.SpecProblem"/>), or null.</summary>
    public static string? SpecProblem(StackSpec spec) =>
        spec?.Backup.Declared == true ? null : "restores from the stack's backups and judges resilience:backup.targets, but the stack file has no resilience:backup section";

    /// <summary>The platform's restores, or a one-line refusal.</summary>
    public static IPointInTimeRestore Restores(ScenarioContext context, FaultKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Platform as IPointInTimeRestore
            ?? throw new PlatformException($"platform {context.Platform.Kind} declares {FaultNames.Of(kind)} but offers no restore from backups");
    }

    /// <summary>
    /// Waits, before anything is injected, until a backup ended before now (the drill must be able to restore to
    /// just before its fault); marks <see cref="PhaseNames.BackupReady"/>. Nothing was injected when it throws.
    /// </summary>
    /// <exception cref="PlatformException">No backup within <paramref name="wait"/>.</exception>
    public static async Task<RestorableRange> WaitForBackupAsync(ScenarioContext context, IPointInTimeRestore restore, TimeSpan wait, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(restore);
        var deadline = context.Clock.Now + wait.TotalSeconds;
        while (true)
        {
            var range = await restore.GetRestorableRangeAsync(ct);
            // The window starts at the end of the oldest backup; the fault must come after it.
            if (range is not null && range.From < context.Clock.TimeProvider.GetUtcNow())
            {
                context.Mark(PhaseNames.BackupReady, $"restorable from {range.From.UtcDateTime:HH:mm:ss}, newest backup ended {range.NewestBackupAt.UtcDateTime:HH:mm:ss}");
                return range;
            }

            if (context.Clock.Now >= deadline)
            {
                throw new PlatformException(string.Create(CultureInfo.InvariantCulture,
                    $"no backup to restore from after {wait.TotalSeconds:0} s, so nothing was injected; take one (locally: ./localcluster backup --stack {context.Spec.StackName}) and run the drill again"));
            }

            await context.DelayAsync(TimeSpan.FromSeconds(1), ct);
        }
    }
}
