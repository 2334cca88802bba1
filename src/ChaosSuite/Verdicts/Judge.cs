using System.Globalization;
using Resilience.ChaosSuite.Measurement;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Verdicts;

/// <summary>Compares measurements with the stack's recovery targets.</summary>
internal static class Judge
{
    /// <summary>Targets the suite holds itself, because no stack may relax them.</summary>
    public static IReadOnlyDictionary<string, double> BuiltInTargets { get; } = new Dictionary<string, double>
    {
        [MeasurementNames.OldPrimaryWrites] = 0,
        [MeasurementNames.PostFaultWritesLost] = 0,
    };

    /// <summary>
    /// Every target <paramref name="scenario"/> is judged against, by measurement name: the stack's recovery targets with the
    /// scenario's <c>resilience:gameday.targets</c> overrides (<see cref="StackSpec.TargetsFor"/>), the restore drills'
    /// (<c>resilience:backup.targets</c>) and the suite's own.
    /// </summary>
    public static IReadOnlyDictionary<string, double> TargetsOf(StackSpec spec, string scenario)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scenario);
        var all = new Dictionary<string, double>(spec.TargetsFor(scenario).ByName, StringComparer.Ordinal)
        {
            [MeasurementNames.RestoreSeconds] = spec.Backup.Targets.RestoreSeconds,
            [MeasurementNames.RecoveryPointSeconds] = spec.Backup.Targets.RecoveryPointSeconds,
        };
        foreach (var (name, value) in BuiltInTargets)
        {
            all[name] = value;
        }

        return all;
    }

    /// <summary>A verdict for each of <paramref name="judged"/> against every target of <paramref name="scenario"/> (<see cref="TargetsOf"/>).</summary>
    /// <exception cref="ArgumentException">A name has no target.</exception>
    public static IReadOnlyList<TargetVerdict> Verdicts(StackSpec spec, string scenario, IEnumerable<string> judged, MeasurementSet measurements) =>
        Verdicts(TargetsOf(spec, scenario), judged, measurements);

    /// <summary>A verdict for each of <paramref name="judged"/>.</summary>
    /// <exception cref="ArgumentException">A name has no target.</exception>
    public static IReadOnlyList<TargetVerdict> Verdicts(RecoveryTargets targets, IEnumerable<string> judged, MeasurementSet measurements)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Verdicts(targets.ByName, judged, measurements);
    }

    private static IReadOnlyList<TargetVerdict> Verdicts(IReadOnlyDictionary<string, double> byName, IEnumerable<string> judged, MeasurementSet measurements)
    {
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentNullException.ThrowIfNull(measurements);
        var verdicts = new List<TargetVerdict>();
        foreach (var name in judged)
        {
            var target = byName.TryGetValue(name, out var t) ? t
                : BuiltInTargets.TryGetValue(name, out var b) ? b
                : throw new ArgumentException($"no recovery target named '{name}'", nameof(judged));
            var measured = measurements.Get(name);
            measurements.Notes.TryGetValue(name, out var note);
            var met = measured is { } m && m <= target;
            if (measured is null)
            {
                note ??= "not measured: the event it waits for did not happen";
            }
            else if (!met && measured is { } m2)
            {
                note ??= string.Create(CultureInfo.InvariantCulture, $"{Format(name, m2)} > {Format(name, target)}");
            }

            verdicts.Add(new TargetVerdict(name, target, measured, met, note));
        }

        return verdicts;
    }

    /// <summary>Passed when every verdict is met, failed otherwise.</summary>
    public static ScenarioOutcome Outcome(IEnumerable<TargetVerdict> verdicts) =>
        verdicts.All(v => v.Met) ? ScenarioOutcome.Passed : ScenarioOutcome.Failed;

    /// <summary>The run's outcome: aborted if any scenario was, else failed if any missed a target.</summary>
    public static ScenarioOutcome RunOutcome(IEnumerable<ScenarioOutcome> scenarios)
    {
        var all = scenarios.ToList();
        return all.Contains(ScenarioOutcome.Aborted) ? ScenarioOutcome.Aborted
            : all.Contains(ScenarioOutcome.Failed) ? ScenarioOutcome.Failed
            : all.Count > 0 && all.All(o => o == ScenarioOutcome.DryRun) ? ScenarioOutcome.DryRun
            : ScenarioOutcome.Passed;
    }

    /// <summary>A value with its unit: seconds with two decimals, counts as integers.</summary>
    public static string Format(string name, double value) =>
        MeasurementNames.IsSeconds(name)
            ? value.ToString("0.00", CultureInfo.InvariantCulture) + " s"
            : value.ToString("0.##", CultureInfo.InvariantCulture);
}
