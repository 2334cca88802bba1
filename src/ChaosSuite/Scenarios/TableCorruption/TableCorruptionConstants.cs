namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

internal static class TableCorruptionConstants
{
    public const string Name = "table-corruption";

    /// <summary>One row in five: enough to matter, few enough that most of the table is still right.</summary>
    public const double Share = 0.2;

    /// <summary>The supervisor takes the first backup once the stack is steady; a fresh stack needs it first.</summary>
    public static readonly TimeSpan BackupWait = TimeSpan.FromSeconds(180);

    /// <summary>The workload writes on after the repair for this long, so its rows after the repair are seen too.</summary>
    public static readonly TimeSpan AfterRepair = TimeSpan.FromSeconds(2);

    public const string CopyName = "drill-table-corruption";

    public const string CorruptedValue = "corrupted";

    public static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);
}
