namespace Resilience.ChaosSuite.Verdicts;

/// <summary>How a scenario (or a whole run) ended.</summary>
internal enum ScenarioOutcome
{
    /// <summary>Every target met.</summary>
    Passed,

    /// <summary>A target missed.</summary>
    Failed,

    /// <summary>Stopped by the preflight, a safety stop, the hard deadline or Ctrl-C.</summary>
    Aborted,

    /// <summary>A dry run: nothing injected, nothing judged.</summary>
    DryRun,
}
