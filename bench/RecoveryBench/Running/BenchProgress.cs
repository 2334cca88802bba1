using System.Globalization;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.Bench.Running;

/// <summary>One terse line per phase and result on the terminal, prefixed with the run it belongs to.</summary>
internal sealed class BenchProgress(TextWriter output) : IRunProgress
{
    /// <summary>What the current run is (<c>3/20 ours primary-failure #2</c>).</summary>
    public string Label { get; set; } = "";

    public void Line(string message)
    {
        lock (output)
        {
            output.WriteLine(message);
        }
    }

    public void ScenarioStarted(string scenario, int index, int count)
    {
    }

    public void Phase(string scenario, PhaseMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        Line($"  [{Label}] {mark.Name}{(mark.Detail is null ? "" : ": " + mark.Detail)}");
    }

    public void Info(string scenario, string message) => Line($"  [{Label}] {message}");

    public void Tick(ProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if ((int)snapshot.Elapsed % 10 == 0)
        {
            Line(string.Create(CultureInfo.InvariantCulture,
                $"  [{Label}] {snapshot.Elapsed:0} s, {snapshot.Phase}: {snapshot.AcknowledgedWrites} writes ({snapshot.FailedWrites} failed), {snapshot.Reads} reads ({snapshot.FailedReads} failed); {snapshot.Gates}"));
        }
    }

    public void ScenarioFinished(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var figures = string.Join(", ", result.Measurements.Values.Select(v =>
            string.Create(CultureInfo.InvariantCulture, $"{v.Key} {(v.Value is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "not reached")}")));
        Line($"  [{Label}] {result.Outcome.ToString().ToLowerInvariant()}{(result.AbortReason is null ? "" : ": " + result.AbortReason)}; {figures}");
    }
}
