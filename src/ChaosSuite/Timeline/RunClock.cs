using Resilience.Topology.Time;

namespace Resilience.ChaosSuite.Timeline;

/// <summary>
/// The one monotonic clock of a run (a <see cref="MonotonicClock"/> read in seconds): every timestamp of a
/// timeline is seconds since <see cref="StartedAt"/> read from the same <see cref="TimeProvider"/>, so differences
/// never jump with the wall clock.
/// </summary>
internal sealed class RunClock
{
    private readonly MonotonicClock _clock;

    /// <summary>Starts the clock now.</summary>
    public RunClock(TimeProvider timeProvider) => _clock = new MonotonicClock(timeProvider);

    /// <summary>The clock's source.</summary>
    public TimeProvider TimeProvider => _clock.TimeProvider;

    /// <summary>Wall time when the clock started; only used to print timestamps.</summary>
    public DateTimeOffset StartedAt => _clock.StartedAt;

    /// <summary>Seconds since the clock started.</summary>
    public double Now => _clock.Now.TotalSeconds;

    /// <summary>The wall time of a run offset, for reports.</summary>
    public DateTimeOffset WallTime(double seconds) => _clock.ToUtc(TimeSpan.FromSeconds(seconds));
}
