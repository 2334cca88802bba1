namespace Resilience.ChaosSuite.Timeline;

/// <summary>The phase names a timeline uses; reports and charts key on them.</summary>
internal static class PhaseNames
{
    /// <summary>Steady state verified; the double-fault guard passed.</summary>
    public const string SteadyState = "steady-state";

    /// <summary>The workload started.</summary>
    public const string WorkloadStarted = "workload-started";

    /// <summary>The fault took effect (the injection call returned).</summary>
    public const string FaultInjected = "fault-injected";

    /// <summary>The injected fault was lifted (thaw, load stopped, chaos disabled).</summary>
    public const string FaultLifted = "fault-lifted";

    /// <summary>First acknowledged write after the fault.</summary>
    public const string WritesAvailable = "writes-available";

    /// <summary>The read endpoint stopped routing to the failed member.</summary>
    public const string ReaderRemoved = "reader-removed";

    /// <summary>A new primary was elected.</summary>
    public const string Failover = "failover";

    /// <summary>A member that did not exist before the fault appeared.</summary>
    public const string ReplacementCreated = "replacement-created";

    /// <summary>The replacement's gate opened.</summary>
    public const string ReplacementWarm = "replacement-warm";

    /// <summary>Every group back at desired count, warm, in the read endpoint.</summary>
    public const string Recovered = "recovered";

    /// <summary>An expected alarm reached ALARM.</summary>
    public const string AlarmDetected = "alarm-detected";

    /// <summary>A planned switchover was requested (a runbook step, not a fault).</summary>
    public const string SwitchoverRequested = "switchover-requested";

    /// <summary>The new primary of a planned switchover acknowledged its first write.</summary>
    public const string SwitchoverWritesAvailable = "switchover-writes-available";

    /// <summary>A member was retired so that its group replaces it on a new host (a runbook step, not a fault).</summary>
    public const string ReplacementRequested = "replacement-requested";

    /// <summary>A safety stop ended the scenario early.</summary>
    public const string SafetyStop = "safety-stop";

    /// <summary>The desired state was being restored.</summary>
    public const string Rollback = "rollback";

    /// <summary>The workload stopped.</summary>
    public const string WorkloadStopped = "workload-stopped";

    /// <summary>A backup to restore from exists (restore drills).</summary>
    public const string BackupReady = "backup-ready";

    /// <summary>A point-in-time restore started (restore drills).</summary>
    public const string RestoreStarted = "restore-started";

    /// <summary>The point-in-time copy accepts connections.</summary>
    public const string CopyReady = "copy-ready";

    /// <summary>The corrupted table was repaired from the copy (the rows written after the fault kept).</summary>
    public const string TableRepaired = "table-repaired";

    /// <summary>The temporary point-in-time copy was removed.</summary>
    public const string CopyDropped = "copy-dropped";

    /// <summary>The rollback put back the rows a bad statement hit that no repair had (an interrupted or failed drill).</summary>
    public const string CorruptionUndone = "corruption-undone";

    /// <summary>The ledger was checked against the primary.</summary>
    public const string LedgerVerified = "ledger-verified";
}
