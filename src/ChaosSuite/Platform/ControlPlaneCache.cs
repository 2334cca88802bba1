namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// The slow half of observation, for adapters: keeps the newest control-plane read (members, roles, gates,
/// alarms) fresh in the background, one read at a time and never more often than the platform's declared
/// <see cref="PlatformCapabilities.ControlPlaneInterval"/>, while someone observes. Observations pair it with
/// routing read fresh (HAProxy locally, SQL on the endpoints elsewhere), so sampling keeps its rate whatever
/// the control plane costs, and report the read's age as <see cref="ClusterObservation.Staleness"/>.
/// </summary>
/// <typeparam name="T">What one control-plane read returns.</typeparam>
internal sealed class ControlPlaneCache<T> : IAsyncDisposable
    where T : class
{
    private static readonly TimeSpan IdleStop = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMilliseconds(100);
    private readonly Func<CancellationToken, Task<T>> _read;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private (T Value, long At)? _latest;
    private Task? _loop;
    private TaskCompletionSource<bool> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastDemand;
    private Exception? _lastError;

    /// <summary>Creates the cache over <paramref name="read"/>; nothing is read until <see cref="LatestAsync"/>.</summary>
    /// <param name="read">One control-plane read; its exceptions reach the observer.</param>
    /// <param name="interval">The shortest time between the starts of two reads (the platform's declared minimum).</param>
    /// <param name="time">The clock.</param>
    public ControlPlaneCache(Func<CancellationToken, Task<T>> read, TimeSpan interval, TimeProvider time)
    {
        _read = read ?? throw new ArgumentNullException(nameof(read));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _interval = interval;
    }

    /// <summary>The newest read and its age; waits for a first one, or a fresher one when the newest is older than <paramref name="maxAge"/>.</summary>
    /// <exception cref="Exception">The read's own exception when no read succeeded since the wait began.</exception>
    public async Task<(T Value, TimeSpan Age)> LatestAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var (value, at) = await WaitForAsync(at => _time.GetElapsedTime(at) <= maxAge, cancellationToken);
        return (value, _time.GetElapsedTime(at));
    }

    /// <summary>
    /// The newest read that began at or after <paramref name="timestamp"/> (a <see cref="TimeProvider.GetTimestamp"/> value):
    /// what the control plane said after a request was made, still no more often than the declared interval.
    /// </summary>
    /// <exception cref="Exception">The read's own exception when no read succeeded since the wait began.</exception>
    public async Task<T> ReadAfterAsync(long timestamp, CancellationToken cancellationToken) =>
        (await WaitForAsync(at => at >= timestamp, cancellationToken)).Value;

    // The newest read when it satisfies `acceptable` (given when it began), else the next reads until one does.
    private async Task<(T Value, long At)> WaitForAsync(Func<long, bool> acceptable, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<bool> next;
            lock (_gate)
            {
                _lastDemand = _time.GetTimestamp();
                if (_loop is null || _loop.IsCompleted)
                {
                    _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
                }

                if (_latest is { } latest && acceptable(latest.At))
                {
                    return latest;
                }

                next = _next.Task;
            }

            if (!await next.WaitAsync(cancellationToken))
            {
                throw _lastError ?? new PlatformException("the platform's control plane could not be read");
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_time.GetElapsedTime(_lastDemand) > IdleStop)
                {
                    return;
                }
            }

            var started = _time.GetTimestamp();
            bool ok;
            try
            {
                var value = await _read(stop);
                lock (_gate)
                {
                    _latest = (value, started);
                }

                ok = true;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The error reaches the observer through LatestAsync.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _lastError = e;
                ok = false;
            }

            TaskCompletionSource<bool> done;
            lock (_gate)
            {
                done = _next;
                _next = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            done.TrySetResult(ok);
            var pause = ok ? _interval - _time.GetElapsedTime(started) : TimeSpan.FromTicks(Math.Max(RetryAfterFailure.Ticks, _interval.Ticks));
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _time, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
