namespace Resilience.Topology.Time;

/// <summary>
/// The one "poll until a condition or a deadline" loop of the repository: asks, and if the answer is not there yet,
/// waits an interval on the injected clock and asks again, until the deadline. Never a sleep that waits for luck.
/// </summary>
public static class Poll
{
    /// <summary>Asks <paramref name="probe"/> until it returns non-null; null once <paramref name="timeout"/> passed (it is asked at least once).</summary>
    /// <typeparam name="T">What the probe finds.</typeparam>
    /// <param name="probe">The question; may throw to end the wait early (e.g. the process it waits for died).</param>
    /// <param name="timeout">How long to keep asking, measured on <paramref name="time"/>'s monotonic timestamps.</param>
    /// <param name="interval">The wait between two questions.</param>
    /// <param name="time">The clock (a fake one in tests).</param>
    /// <param name="ct">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The first non-null answer, or null at the deadline.</returns>
    public static async Task<T?> UntilAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        while (true)
        {
            if (await probe(ct).ConfigureAwait(false) is { } found)
            {
                return found;
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                return null;
            }

            await Task.Delay(interval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Asks <paramref name="condition"/> until it is true; false once <paramref name="timeout"/> passed (it is asked at least once).</summary>
    /// <param name="condition">The question; may throw to end the wait early.</param>
    /// <param name="timeout">How long to keep asking.</param>
    /// <param name="interval">The wait between two questions.</param>
    /// <param name="time">The clock (a fake one in tests).</param>
    /// <param name="ct">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <returns>True when the condition held within the timeout.</returns>
    public static async Task<bool> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return await UntilAsync<object>(async c => await condition(c).ConfigureAwait(false) ? Found : null, timeout, interval, time, ct).ConfigureAwait(false) is not null;
    }

    private static readonly object Found = new();
}
