namespace Resilience.HealthProbes.Http;

/// <summary>The body of <c>/status</c>: the member as a human or a supervisor wants to see it.</summary>
internal sealed record StatusDocument(
    string Stack,
    string Group,
    string Member,
    string Database,
    DateTimeOffset? ObservedAt,
    double? ObservationMs,
    bool Answered,
    string? Problem,
    string Role,
    int? Timeline,
    StreamingStatus Streaming,
    ReplayLagStatus ReplayLag,
    WarmupStatus Warmup,
    GateStatus Gate,
    ProbesStatus Probes,
    double? BufferCacheHitRatio,
    PolicyStatus Policy);

/// <summary>The WAL receiver and the leader it should follow.</summary>
internal sealed record StreamingStatus(string? Status, string? Sender, string? Leader, string LeaderCheck, string? Detail);

/// <summary>How far replay is behind what was received.</summary>
internal sealed record ReplayLagStatus(long? Bytes, double? Seconds, bool? Paused, string? ReceiveLsn, string? ReplayLsn);

/// <summary>The warm-up's progress and timings.</summary>
internal sealed record WarmupStatus(
    string Phase,
    string Summary,
    double Percent,
    long BytesDone,
    long BytesTotal,
    int RelationsDone,
    int RelationsTotal,
    string? Current,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double? DurationSeconds,
    double? MbPerSecond,
    bool Restored,
    string? Error,
    IReadOnlyList<string> Skipped,
    string? Identity,
    string StateFile);

/// <summary>The gate and when it last changed.</summary>
internal sealed record GateStatus(bool Open, string Reason, DateTimeOffset ChangedAt, DateTimeOffset? HealthySince, DateTimeOffset? LagExceededSince, long Transitions);

/// <summary>What each probe endpoint answers right now.</summary>
internal sealed record ProbesStatus(AnswerStatus Live, AnswerStatus Primary, AnswerStatus Ready);

/// <summary>One probe's answer.</summary>
internal sealed record AnswerStatus(bool Ok, string Reason);

/// <summary>The replica group's warm-up policy in force.</summary>
internal sealed record PolicyStatus(
    string Relations,
    IReadOnlyList<string> Databases,
    bool FullStorageRead,
    double MaxReplayLagSeconds,
    double MinWarmSeconds,
    double LagGraceSeconds,
    double IoRateMbPerSecond);
