using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Scaling;

/// <summary>
/// Target tracking on a group's average CPU: one member out when above target for <c>sustainSeconds</c>, one
/// member in when below half the target for <c>scaleInCooldownSeconds</c>; never outside [floor, max].
/// The floor is the spec's desired count: autoscaling only undoes its own scale-outs. Pure: time is passed in.
/// </summary>
internal sealed class Autoscaler(AutoscalingSpec spec, int floor, int max)
{
    /// <summary>Scale in below this fraction of the target, so the group does not flap around it.</summary>
    public const double ScaleInFraction = 0.5;

    private DateTimeOffset? _aboveSince;
    private DateTimeOffset? _belowSince;
    private DateTimeOffset? _lastChange;

    /// <summary>+1, -1 or 0 for a group at <paramref name="desired"/> members whose average CPU is <paramref name="averageCpuPercent"/>.</summary>
    public int Decide(double averageCpuPercent, int desired, DateTimeOffset now)
    {
        var sustain = TimeSpan.FromSeconds(spec.SustainSeconds);
        var cooldown = TimeSpan.FromSeconds(spec.ScaleInCooldownSeconds);
        if (averageCpuPercent > spec.TargetCpuPercent)
        {
            _belowSince = null;
            _aboveSince ??= now;
            if (now - _aboveSince >= sustain && desired < max && (_lastChange is null || now - _lastChange >= sustain))
            {
                _aboveSince = now;
                _lastChange = now;
                return +1;
            }
        }
        else if (averageCpuPercent < spec.TargetCpuPercent * ScaleInFraction)
        {
            _aboveSince = null;
            _belowSince ??= now;
            if (now - _belowSince >= cooldown && desired > floor && (_lastChange is null || now - _lastChange >= cooldown))
            {
                _belowSince = now;
                _lastChange = now;
                return -1;
            }
        }
        else
        {
            _aboveSince = null;
            _belowSince = null;
        }

        return 0;
    }
}
