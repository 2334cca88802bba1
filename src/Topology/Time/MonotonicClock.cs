namespace Resilience.Topology.Time;

/// <summary>
/// The one monotonic clock of the repository: elapsed time since it started, read from an injected
/// <see cref="System.TimeProvider"/> (so tests drive it with a fake), never jumping with the wall clock; the wall
/// time of its start only labels instants for people.
/// </summary>
public sealed class MonotonicClock
{
    private readonly long _start;

    /// <summary>Starts the clock now.</summary>
    /// <param name="time">Where time comes from.</param>
    public MonotonicClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        TimeProvider = time;
        _start = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
    }

    /// <summary>Gets the provider the clock reads.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the wall time when the clock started; only for printing instants.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the monotonic time since start.</summary>
    public TimeSpan Now => TimeProvider.GetElapsedTime(_start);

    /// <summary>The wall time of monotonic instant <paramref name="instant"/>.</summary>
    /// <param name="instant">Time since the clock started.</param>
    /// <returns>Its wall time.</returns>
    public DateTimeOffset ToUtc(TimeSpan instant) => StartedAt + instant;
}
