namespace Resilience.HealthProbes.Internal;

/// <summary>Monotonic time since the service started, from the injected <see cref="TimeProvider"/>, and its wall-clock equivalent.</summary>
public sealed class MonotonicClock
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly DateTimeOffset _startUtc;

    /// <summary>Starts the clock now.</summary>
    public MonotonicClock(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
        _startUtc = time.GetUtcNow();
    }

    /// <summary>The provider the clock reads.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>Monotonic time since start.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_start);

    /// <summary>The wall-clock time of monotonic instant <paramref name="instant"/>.</summary>
    public DateTimeOffset ToUtc(TimeSpan instant) => _startUtc + instant;
}
