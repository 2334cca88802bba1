namespace Resilience.ChaosSuite.Timeline;

/// <summary>
/// The one monotonic clock of a run: every timestamp of a timeline is seconds since <see cref="StartedAt"/>
/// read from the same <see cref="TimeProvider"/>, so differences never jump with the wall clock.
/// </summary>
public sealed class RunClock
{
    private readonly long _origin;

    /// <summary>Starts the clock now.</summary>
    public RunClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        _origin = timeProvider.GetTimestamp();
        StartedAt = timeProvider.GetUtcNow();
    }

    /// <summary>The clock's source.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Wall time when the clock started; only used to print timestamps.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Seconds since the clock started.</summary>
    public double Now => TimeProvider.GetElapsedTime(_origin).TotalSeconds;

    /// <summary>The wall time of a run offset, for reports.</summary>
    public DateTimeOffset WallTime(double seconds) => StartedAt.AddSeconds(seconds);
}
