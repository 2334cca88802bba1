namespace Resilience.HealthProbes.Gate;

/// <summary>The gate after an observation. Instants are monotonic time since the service started.</summary>
/// <param name="Open">Reads may be routed to the member.</param>
/// <param name="Reason">Why the gate is in this state, one phrase for humans and the probe body.</param>
/// <param name="ChangedAt">When <see cref="Open"/> last changed (or the service started).</param>
/// <param name="HealthySince">Since when every condition has held without a break; null while one fails.</param>
/// <param name="LagExceededSince">Since when the lag has been over the bound while the gate stayed open (hysteresis).</param>
public sealed record GateState(
    bool Open,
    string Reason,
    TimeSpan ChangedAt,
    TimeSpan? HealthySince,
    TimeSpan? LagExceededSince)
{
    /// <summary>The state before the first observation.</summary>
    public static GateState Initial(TimeSpan now) => new(false, "starting: no observation yet", now, null, null);
}
