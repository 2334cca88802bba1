using Resilience.Topology.Options;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Timeline;

/// <summary>
/// Observes the platform at a fixed rate for the whole scenario and appends every observation to the
/// timeline; scenarios wait on it for conditions ("the read endpoint dropped the member").
/// </summary>
internal sealed class ClusterSampler : IAsyncDisposable
{
    private readonly IDatabasePlatform _platform;
    private readonly ScenarioTimeline _timeline;
    private readonly ClusterSamplerOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _inFlight;
    private readonly object _gate = new();
    private TaskCompletionSource _next = NewSignal();
    private ObservationSample? _latest;
    private double _latestStart = double.NegativeInfinity;
    private Task _loop = Task.CompletedTask;
    private readonly System.Collections.Concurrent.ConcurrentQueue<double> _durations = new();
    private long _failures;
    private long _superseded;
    private string? _lastError;

    /// <summary>Creates a sampler; <see cref="Start"/> begins sampling.</summary>
    public ClusterSampler(IDatabasePlatform platform, ScenarioTimeline timeline, ClusterSamplerOptions? options = null)
    {
        _platform = platform ?? throw new ArgumentNullException(nameof(platform));
        _timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        _options = options ?? new ClusterSamplerOptions();
        OptionsValidator.Validate(_options);
        _inFlight = new SemaphoreSlim(_options.MaxConcurrentObservations);
    }

    /// <summary>The newest observation, or null before the first.</summary>
    public ObservationSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Observations that failed or timed out.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Observations dropped because one started later completed first.</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    /// <summary>The last observation error, for messages.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>How long each successful observation took, in seconds.</summary>
    public IReadOnlyList<double> ObservationDurations => [.. _durations];

    /// <summary>Starts sampling in the background.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Waits for the first observation completed at or after <paramref name="notBefore"/> that satisfies
    /// <paramref name="condition"/>; null when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<ObservationSample?> WaitForAsync(
        Func<ClusterObservation, bool> condition,
        double notBefore,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expired = Task.Delay(timeout, _timeline.Clock.TimeProvider, deadline.Token);
        try
        {
            while (true)
            {
                Task next;
                ObservationSample? latest;
                lock (_gate)
                {
                    next = _next.Task;
                    latest = _latest;
                }

                if (latest is not null && latest.At >= notBefore && condition(latest.Observation))
                {
                    return latest;
                }

                if (await Task.WhenAny(next, expired) == expired)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return null;
                }
            }
        }
        finally
        {
            await deadline.CancelAsync();
        }
    }

    /// <summary>Waits for the next observation, whatever it says; null after <paramref name="timeout"/>.</summary>
    public Task<ObservationSample?> NextAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(_ => true, _timeline.Clock.Now, timeout, cancellationToken);

    /// <summary>Stops sampling and waits for observations in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _inFlight.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync(CancellationToken stop)
    {
        var time = _timeline.Clock.TimeProvider;
        var pending = new List<Task>();
        var next = _timeline.Clock.Now;
        while (!stop.IsCancellationRequested)
        {
            if (await _inFlight.WaitAsync(0, CancellationToken.None))
            {
                pending.Add(ObserveOnceAsync(stop));
            }

            pending.RemoveAll(t => t.IsCompleted);
            next += _options.Interval.TotalSeconds;
            var wait = next - _timeline.Clock.Now;
            if (wait < 0)
            {
                // Fell behind (a slow machine): restart the schedule rather than burst to catch up.
                next = _timeline.Clock.Now;
                wait = 0;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(pending);
    }

    private async Task ObserveOnceAsync(CancellationToken stop)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.ObservationTimeout, _timeline.Clock.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            var started = _timeline.Clock.Now;
            var observation = await _platform.ObserveAsync(linked.Token);
            TaskCompletionSource signal;
            lock (_gate)
            {
                // An observation overtaken by one that started later describes an older state: drop it,
                // so the timeline never steps back in time.
                if (started < _latestStart)
                {
                    Interlocked.Increment(ref _superseded);
                    return;
                }

                _latestStart = started;
                var sample = _timeline.Add(observation);
                _durations.Enqueue(sample.At - started);
                _latest = sample;
                signal = _next;
                _next = NewSignal();
            }

            signal.TrySetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // An observation that fails is counted and the next one tried; the platform may be mid-failover.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            Volatile.Write(ref _lastError, e is OperationCanceledException ? "observation timed out" : e.Message);
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
