using Resilience.ChaosSuite.Load;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryOverload;

/// <summary>Settings of <see cref="PrimaryOverload"/>.</summary>
internal sealed class PrimaryOverloadOptions
{
    /// <summary>Gets or sets the load: its ramp, connections and client addresses.</summary>
    /// <value>Defaults to a ramp from 4 to 40 connections over 32 loopback addresses.</value>
    public LoadGeneratorOptions Load { get; set; } = new();

    /// <summary>Gets or sets the metrics whose alarms count as detecting the overload.</summary>
    /// <value>Defaults to primary CPU, connections and database load.</value>
    public IReadOnlyList<AlarmMetric> AlarmMetrics { get; set; } = PrimaryOverloadConstants.AlarmMetrics;

    /// <summary>Gets or sets how long the load stays on after the alarm fired.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan HoldAfterAlarm { get; set; } = PrimaryOverloadConstants.HoldAfterAlarm;

    /// <summary>Gets or sets how long past the alarmDetectSeconds target the load stays on waiting for the alarm.</summary>
    /// <value>Defaults to 15 seconds.</value>
    public TimeSpan AlarmGrace { get; set; } = PrimaryOverloadConstants.AlarmGrace;

    /// <summary>
    /// Gets or sets whether the load stays on until the replica group scaled out (at most its autoscaling
    /// sustain time plus <see cref="ScaleOutGrace"/> from the start of the load); groups without autoscaling are not waited for.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool AwaitScaleOut { get; set; } = true;

    /// <summary>Gets or sets how long past the sustain time a scale-out is waited for.</summary>
    /// <value>Defaults to 20 seconds.</value>
    public TimeSpan ScaleOutGrace { get; set; } = PrimaryOverloadConstants.ScaleOutGrace;

    /// <summary>Gets or sets the time beyond the waits after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = PrimaryOverloadConstants.HardDeadlineMargin;
}
