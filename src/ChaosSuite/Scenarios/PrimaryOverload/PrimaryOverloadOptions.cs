using Resilience.ChaosSuite.Load;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryOverload;

/// <summary>Settings of <see cref="PrimaryOverload"/>.</summary>
internal sealed class PrimaryOverloadOptions
{
    /// <summary>Gets or sets the load: its ramp, connections and client addresses.</summary>
    /// <value>Defaults to a ramp from 4 to 40 connections over 32 loopback addresses.</value>
    public LoadGeneratorOptions Load { get; set; } = new();

    /// <summary>Gets or sets whether the ramp stops growing once the alarm fired (the load is then held at that level).</summary>
    /// <value>Defaults to true; false ramps on to <see cref="LoadGeneratorOptions.MaxConnections"/> and holds it (see <see cref="Heavier"/>).</value>
    public bool StopRampAtAlarm { get; set; } = true;

    /// <summary>
    /// Gets or sets how far the ramp goes on past <see cref="LoadGeneratorOptions.MaxConnections"/> while no alarm has
    /// fired (same step and interval), so a primary that cannot reach the CPU threshold on a machine shared with other
    /// work is loaded until the CPU-independent connections alarm fires instead of never alarming.
    /// </summary>
    /// <value>Defaults to 120 connections (90 on the primary: past connections-high's 80, under max_connections 200 with the workload's pools).</value>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int RampCeilingWithoutAlarm { get; set; } = PrimaryOverloadConstants.RampCeilingWithoutAlarm;

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

    /// <summary>
    /// The scenario at <paramref name="factor"/> times its default load: every step of the ramp and its ceiling
    /// multiplied (at 2: from 8 connections, +8 every 2 s, to 80), ramping on past the alarm to the ceiling and held
    /// there for <see cref="HoldAfterAlarm"/>. The benchmark's <c>--overload-factor</c>.
    /// </summary>
    /// <param name="factor">How many times the default load, at least 1.</param>
    /// <returns>The options.</returns>
    public static PrimaryOverloadOptions Heavier(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        var load = new LoadGeneratorOptions();
        load.StartConnections *= factor;
        load.RampStep *= factor;
        load.MaxConnections *= factor;
        return factor == 1
            ? new PrimaryOverloadOptions()
            : new PrimaryOverloadOptions { Load = load, StopRampAtAlarm = false, RampCeilingWithoutAlarm = load.MaxConnections };
    }

    /// <summary>Gets or sets the time beyond the waits after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = PrimaryOverloadConstants.HardDeadlineMargin;
}
