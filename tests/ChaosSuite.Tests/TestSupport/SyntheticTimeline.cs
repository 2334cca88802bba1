using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>
/// Writes a synthetic event stream through the real <see cref="ScenarioTimeline"/> on a <see cref="FakeTimeProvider"/>:
/// the clock is moved to each event's time, so every timestamp comes from the one clock as in a run.
/// </summary>
internal sealed class SyntheticTimeline
{
    public SyntheticTimeline()
    {
        Time = FakeTimeSteps.NewClock();
        Clock = new RunClock(Time);
        Timeline = new ScenarioTimeline(Clock);
    }

    public FakeTimeProvider Time { get; }

    public RunClock Clock { get; }

    public ScenarioTimeline Timeline { get; }

    /// <summary>Moves the clock to <paramref name="seconds"/> (never backwards).</summary>
    public SyntheticTimeline At(double seconds)
    {
        var delta = seconds - Clock.Now;
        if (delta > 0)
        {
            Time.Advance(TimeSpan.FromTicks((long)Math.Round(delta * TimeSpan.TicksPerSecond)));
        }

        return this;
    }

    /// <summary>Observations of <paramref name="observation"/> every 50 ms from <paramref name="from"/> to <paramref name="to"/> (20 Hz).</summary>
    public SyntheticTimeline Observe(double from, double to, ClusterObservation observation)
    {
        for (var t = from; t < to - 1e-9; t += 0.05)
        {
            At(t).Timeline.Add(observation);
        }

        return this;
    }

    /// <summary>A write every 20 ms (50/s) from <paramref name="from"/> to <paramref name="to"/>, each taking <paramref name="latency"/> s.</summary>
    public SyntheticTimeline Writes(double from, double to, bool succeeded, string? identity = "5500", double latency = 0.004)
    {
        for (var t = from; t < to - 1e-9; t += 0.02)
        {
            var id = ++_nextId;
            Timeline.Add(new OperationRecord(OperationKind.Write, t, t + latency, succeeded, succeeded ? identity : null, id, false, succeeded ? null : "boom"));
            if (succeeded)
            {
                Acknowledged.Add(id);
            }
        }

        return this;
    }

    /// <summary>Reads every 5 ms (200/s), round robin over <paramref name="identities"/>.</summary>
    public SyntheticTimeline Reads(double from, double to, params string[] identities)
    {
        var i = 0;
        for (var t = from; t < to - 1e-9; t += 0.005)
        {
            Timeline.Add(new OperationRecord(OperationKind.Read, t, t + 0.002, true, identities[i++ % identities.Length], null, false, null));
        }

        return this;
    }

    public SyntheticTimeline ReadAttemptFailures(params double[] times)
    {
        foreach (var t in times)
        {
            Timeline.Add(new AttemptFailure(OperationKind.Read, t, false));
        }

        return this;
    }

    public List<long> Acknowledged { get; } = [];

    public TimelineSnapshot Snapshot() => Timeline.Snapshot();

    /// <summary>A fault on <paramref name="target"/> injected at <paramref name="at"/> (effective 10 ms later).</summary>
    public static FaultRecord Fault(double at, MemberObservation? target, int expectedFailovers = 0, params string[] membersBefore) =>
        new("synthetic", at, target?.Name, target?.ServerIdentity, target?.Role == MemberRole.Primary, membersBefore.ToHashSet(), expectedFailovers, at + 0.01, target?.IncarnationKey);

    private long _nextId;
}
