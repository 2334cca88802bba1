using Resilience.HealthProbes.Internal;

namespace Resilience.HealthProbes.Warmup;

/// <summary>Where the warm-up of this member stands.</summary>
public enum WarmupPhase
{
    /// <summary>Not started: the member does not run as a replica (yet).</summary>
    Waiting,

    /// <summary>Listing relations and files to read.</summary>
    Planning,

    /// <summary>Reading.</summary>
    Running,

    /// <summary>Done for this data directory (now, or in an earlier run of HealthProbes).</summary>
    Complete,

    /// <summary>The last attempt failed; it is retried.</summary>
    Failed,
}

/// <summary>An immutable copy of the warm-up's progress.</summary>
internal sealed record WarmupView(
    WarmupPhase Phase,
    long BytesDone,
    long BytesTotal,
    int RelationsDone,
    int RelationsTotal,
    string? Current,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double? DurationSeconds,
    bool Restored,
    string? Error,
    IReadOnlyList<string> Skipped,
    string? Identity)
{
    public static WarmupView Waiting { get; } = new(WarmupPhase.Waiting, 0, 0, 0, 0, null, null, null, null, false, null, [], null);

    public bool Complete => Phase == WarmupPhase.Complete;

    public double Ratio => Complete ? 1 : BytesTotal <= 0 ? 0 : Math.Min(1, (double)BytesDone / BytesTotal);

    /// <summary>Bytes per second of the completed (not restored) run; null otherwise.</summary>
    public double? BytesPerSecond => Complete && !Restored && DurationSeconds is > 0 ? BytesTotal / DurationSeconds : null;

    /// <summary>One phrase for the gate's reason, e.g. <c>warming: 41% of 2.1 GB</c>.</summary>
    public string Summary => Phase switch
    {
        WarmupPhase.Waiting => "warming: not started (waits for the member to run as a replica)",
        WarmupPhase.Planning => "warming: planning",
        WarmupPhase.Running => $"warming: {Math.Floor(Ratio * 100):0}% of {Text.Bytes(BytesTotal)}",
        WarmupPhase.Failed => $"warming failed, retrying: {Error}",
        _ => "warm",
    };
}
