using System.Collections.Concurrent;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Timeline;

/// <summary>Everything that happened during one scenario, stamped by one <see cref="RunClock"/>; safe to append from any thread.</summary>
internal sealed class ScenarioTimeline
{
    private readonly ConcurrentQueue<OperationRecord> _operations = new();
    private readonly ConcurrentQueue<AttemptFailure> _attemptFailures = new();
    private readonly ConcurrentQueue<ObservationSample> _samples = new();
    private readonly ConcurrentQueue<PhaseMark> _phases = new();

    /// <summary>Creates an empty timeline on <paramref name="clock"/>.</summary>
    public ScenarioTimeline(RunClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
    }

    /// <summary>The clock of every timestamp.</summary>
    public RunClock Clock { get; }

    /// <summary>Adds a finished operation.</summary>
    public void Add(OperationRecord operation) => _operations.Enqueue(operation);

    /// <summary>Adds a failed attempt.</summary>
    public void Add(AttemptFailure failure) => _attemptFailures.Enqueue(failure);

    /// <summary>Adds an observation completed now.</summary>
    public ObservationSample Add(ClusterObservation observation)
    {
        var sample = new ObservationSample(Clock.Now, observation);
        _samples.Enqueue(sample);
        return sample;
    }

    /// <summary>Adds an observation with its own timestamp (tests, replays).</summary>
    public void Add(ObservationSample sample) => _samples.Enqueue(sample);

    /// <summary>Marks a phase now.</summary>
    public PhaseMark Mark(string name, string? detail = null)
    {
        var mark = new PhaseMark(name, Clock.Now, detail);
        _phases.Enqueue(mark);
        return mark;
    }

    /// <summary>Adds a phase with its own timestamp (tests, phases computed afterwards).</summary>
    public void Add(PhaseMark mark) => _phases.Enqueue(mark);

    /// <summary>An immutable copy, every list sorted by time.</summary>
    public TimelineSnapshot Snapshot() => new(
        [.. _operations.OrderBy(o => o.CompletedAt)],
        [.. _attemptFailures.OrderBy(a => a.At)],
        [.. _samples.OrderBy(s => s.At)],
        [.. _phases.OrderBy(p => p.At)]);
}

/// <summary>A scenario's timeline at one moment, sorted by time; what measurements are computed from.</summary>
internal sealed record TimelineSnapshot(
    IReadOnlyList<OperationRecord> Operations,
    IReadOnlyList<AttemptFailure> AttemptFailures,
    IReadOnlyList<ObservationSample> Samples,
    IReadOnlyList<PhaseMark> Phases)
{
    /// <summary>The first phase with this name, or null.</summary>
    public PhaseMark? Phase(string name) => Phases.FirstOrDefault(p => p.Name == name);

    /// <summary>The latest sample at or before <paramref name="at"/>, or null.</summary>
    public ObservationSample? SampleAtOrBefore(double at)
    {
        var index = UpperBound(at) - 1;
        return index >= 0 ? Samples[index] : null;
    }

    /// <summary>The first sample at or after <paramref name="at"/>, or null.</summary>
    public ObservationSample? SampleAtOrAfter(double at)
    {
        var index = LowerBound(at);
        return index < Samples.Count ? Samples[index] : null;
    }

    /// <summary>Samples with <paramref name="from"/> &lt;= At &lt;= <paramref name="to"/>.</summary>
    public IEnumerable<ObservationSample> SamplesBetween(double from, double to)
    {
        for (var i = LowerBound(from); i < Samples.Count && Samples[i].At <= to; i++)
        {
            yield return Samples[i];
        }
    }

    private int LowerBound(double at)
    {
        int lo = 0, hi = Samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Samples[mid].At < at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int UpperBound(double at)
    {
        int lo = 0, hi = Samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Samples[mid].At <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
