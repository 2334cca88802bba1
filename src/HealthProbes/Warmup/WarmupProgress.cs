namespace Resilience.HealthProbes.Warmup;

/// <summary>The warm-up's progress, written by the runner and read by the probes; thread-safe.</summary>
internal sealed class WarmupProgress
{
    private readonly Lock _lock = new();
    private WarmupView _view = WarmupView.Waiting;

    public WarmupView View
    {
        get
        {
            lock (_lock)
            {
                return _view;
            }
        }
    }

    public void Reset() => Set(_ => WarmupView.Waiting);

    public void Planning(string identity, DateTimeOffset startedAt) =>
        Set(_ => WarmupView.Waiting with { Phase = WarmupPhase.Planning, Identity = identity, StartedAt = startedAt });

    public void Start(WarmupPlan plan) => Set(v => v with
    {
        Phase = WarmupPhase.Running,
        BytesTotal = plan.TotalBytes,
        RelationsTotal = plan.Relations.Count,
        Skipped = plan.Skipped,
    });

    public void Advance(long bytes) => Set(v => v with { BytesDone = v.BytesDone + bytes });

    public void Reading(string? current) => Set(v => v with { Current = current });

    public void RelationDone() => Set(v => v with { RelationsDone = v.RelationsDone + 1 });

    public void Skip(string what) => Set(v => v with { Skipped = [.. v.Skipped, what] });

    public void Complete(DateTimeOffset completedAt, double durationSeconds) => Set(v => v with
    {
        Phase = WarmupPhase.Complete,
        BytesDone = v.BytesTotal,
        RelationsDone = v.RelationsTotal,
        Current = null,
        CompletedAt = completedAt,
        DurationSeconds = durationSeconds,
        Error = null,
    });

    public void Restore(WarmupRecord record, string identity) => Set(_ => WarmupView.Waiting with
    {
        Phase = WarmupPhase.Complete,
        BytesDone = record.Bytes,
        BytesTotal = record.Bytes,
        CompletedAt = record.CompletedAtUtc,
        DurationSeconds = record.DurationSeconds,
        Restored = true,
        Identity = identity,
    });

    public void Fail(string error) => Set(v => v with { Phase = WarmupPhase.Failed, Error = error, Current = null });

    private void Set(Func<WarmupView, WarmupView> change)
    {
        lock (_lock)
        {
            _view = change(_view);
        }
    }
}
