namespace Resilience.HealthProbes.Probes;

/// <summary>One answer of the member's database to the probe query.</summary>
internal sealed record MemberSample(
    bool InRecovery,
    bool? ReplayPaused,
    string? ReceiveLsn,
    string? ReplayLsn,
    long? LagBytes,
    double? LastReplayAgeSeconds,
    string? WalReceiverStatus,
    string? SenderHost,
    int? SenderPort,
    int? Timeline,
    double? BufferCacheHitRatio)
{
    public bool Streaming => InRecovery && WalReceiverStatus == "streaming";

    public string? Sender => SenderHost is null ? null : $"{SenderHost}:{SenderPort}";
}
