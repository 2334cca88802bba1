using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>Keeps every line a run reports.</summary>
internal sealed class RecordingProgress : IRunProgress
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void ScenarioStarted(string scenario, int index, int count) => Add($"started {scenario}");

    public void Phase(string scenario, PhaseMark mark) => Add($"phase {mark.Name}");

    public void Info(string scenario, string message) => Add(message);

    public void Tick(ProgressSnapshot snapshot)
    {
    }

    public void ScenarioFinished(ScenarioResult result) => Add($"finished {result.Name}");

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
