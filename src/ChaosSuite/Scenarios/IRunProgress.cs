using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>Where a run reports what it is doing (the terminal; nothing in tests).</summary>
internal interface IRunProgress
{
    /// <summary>A scenario starts.</summary>
    void ScenarioStarted(string scenario, int index, int count);

    /// <summary>A phase was marked.</summary>
    void Phase(string scenario, PhaseMark mark);

    /// <summary>A line worth showing (what is being waited for, what was found).</summary>
    void Info(string scenario, string message);

    /// <summary>Live counts, about once a second.</summary>
    void Tick(ProgressSnapshot snapshot);

    /// <summary>A scenario ended.</summary>
    void ScenarioFinished(ScenarioResult result);
}

/// <summary>The live figures of a running scenario.</summary>
/// <param name="Scenario">Its name.</param>
/// <param name="Phase">The latest phase.</param>
/// <param name="Elapsed">Seconds since it started.</param>
/// <param name="AcknowledgedWrites">Writes acknowledged.</param>
/// <param name="FailedWrites">Writes failed after retries.</param>
/// <param name="Reads">Reads answered.</param>
/// <param name="FailedReads">Reads failed after retries and fallback.</param>
/// <param name="Gates">Members and their gate states, e.g. <c>pg-0 primary, pg-1 open, pg-2 closed</c>.</param>
internal sealed record ProgressSnapshot(
    string Scenario,
    string Phase,
    double Elapsed,
    long AcknowledgedWrites,
    long FailedWrites,
    long Reads,
    long FailedReads,
    string Gates);

/// <summary>Reports nothing.</summary>
internal sealed class SilentProgress : IRunProgress
{
    /// <summary>The shared instance.</summary>
    public static SilentProgress Instance { get; } = new();

    /// <inheritdoc />
    public void ScenarioStarted(string scenario, int index, int count)
    {
    }

    /// <inheritdoc />
    public void Phase(string scenario, PhaseMark mark)
    {
    }

    /// <inheritdoc />
    public void Info(string scenario, string message)
    {
    }

    /// <inheritdoc />
    public void Tick(ProgressSnapshot snapshot)
    {
    }

    /// <inheritdoc />
    public void ScenarioFinished(ScenarioResult result)
    {
    }
}
