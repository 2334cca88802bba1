using Resilience.LocalCluster;

namespace Resilience.ChaosSuite.Platform.Local;

/// <summary>
/// Keeps one full LocalCluster status fresh in the background, one collection at a time, while someone
/// observes. A full status (Patroni, HealthProbes, the primary) takes ~15 ms on an idle machine and
/// seconds on a saturated one, so observations pair the latest full status with HAProxy's routing, which
/// is read fresh on every observation (sub-millisecond): the sampler keeps 20 Hz on routing whatever the load.
/// </summary>
internal sealed class StatusRefresher : IAsyncDisposable
{
    private static readonly TimeSpan IdleStop = TimeSpan.FromSeconds(2);
    private readonly LocalClusterController _controller;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private (ClusterStatus Status, long At)? _latest;
    private Task? _loop;
    private TaskCompletionSource<bool> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastDemand;
    private Exception? _lastError;

    public StatusRefresher(LocalClusterController controller, TimeProvider time)
    {
        _controller = controller;
        _time = time;
    }

    /// <summary>The latest status and its age; waits for a first (or fresher than <paramref name="maxAge"/>) one.</summary>
    public async Task<(ClusterStatus Status, TimeSpan Age)> LatestAsync(TimeSpan maxAge, CancellationToken cancellationToken)
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

                if (_latest is { } latest && _time.GetElapsedTime(latest.At) <= maxAge)
                {
                    return (latest.Status, _time.GetElapsedTime(latest.At));
                }

                next = _next.Task;
            }

            if (!await next.WaitAsync(cancellationToken))
            {
                throw _lastError ?? new LocalClusterException("the local cluster's status could not be collected");
            }
        }
    }

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
                var status = await _controller.GetStatusAsync(stop);
                lock (_gate)
                {
                    _latest = (status, started);
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
            if (!ok)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
