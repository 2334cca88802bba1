namespace Resilience.ChaosSuite.Verdicts;

/// <summary>The CLI's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Every target met (or a dry run / listing completed).</summary>
    public const int Success = 0;

    /// <summary>A target missed.</summary>
    public const int TargetMissed = 1;

    /// <summary>Bad usage or a bad stack file.</summary>
    public const int BadUsage = 2;

    /// <summary>Aborted by the preflight, a safety stop, the hard deadline or Ctrl-C.</summary>
    public const int Aborted = 3;

    /// <summary>The exit code of a run that ended with <paramref name="outcome"/>.</summary>
    public static int For(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed or ScenarioOutcome.DryRun => Success,
        ScenarioOutcome.Failed => TargetMissed,
        _ => Aborted,
    };
}
