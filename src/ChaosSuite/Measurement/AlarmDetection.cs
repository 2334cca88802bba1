using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>alarmDetectSeconds: fault (overload) start -> alarm in ALARM state.</summary>
internal static class AlarmDetection
{
    /// <summary>The first observation at or after <paramref name="start"/> with one of <paramref name="alarms"/> in ALARM, or null.</summary>
    public static (ObservationSample Sample, string Alarm)? FirstAlarm(TimelineSnapshot timeline, double start, IReadOnlyCollection<string> alarms)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(alarms);
        foreach (var sample in timeline.Samples.Where(s => s.At >= start))
        {
            var firing = sample.Observation.Alarms.FirstOrDefault(a => a.State == AlarmState.Alarm && alarms.Contains(a.Name));
            if (firing is not null)
            {
                return (sample, firing.Name);
            }
        }

        return null;
    }

    /// <summary>
    /// Sets alarmDetectSeconds from <paramref name="start"/> (with <paramref name="missing"/> as its note when no alarm came)
    /// and adds the <see cref="PhaseNames.AlarmDetected"/> phase when one did.
    /// </summary>
    public static void Measure(TimelineSnapshot timeline, double start, IReadOnlyCollection<string> alarms, MeasurementSet measurements, ICollection<PhaseMark> phases, string missing)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(phases);
        var first = FirstAlarm(timeline, start, alarms);
        measurements.Set(MeasurementNames.AlarmDetectSeconds, first?.Sample.At - start, first is null ? missing : null);
        if (first is { } detected)
        {
            phases.Add(new PhaseMark(PhaseNames.AlarmDetected, detected.Sample.At, $"{detected.Alarm} in ALARM"));
        }
    }

    /// <summary>Seconds from <paramref name="start"/> to the first alarm, or null.</summary>
    public static double? Seconds(TimelineSnapshot timeline, double start, IReadOnlyCollection<string> alarms) =>
        FirstAlarm(timeline, start, alarms) is { } first ? first.Sample.At - start : null;
}
