using System.Globalization;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>A safety stop: the platform has had no primary for longer than a limit (the fault went beyond what the scenario may cause).</summary>
internal sealed class NoPrimaryStop
{
    private readonly double _limitSeconds;
    private double? _since;

    /// <summary>Stops after <paramref name="limitSeconds"/> without a primary.</summary>
    public NoPrimaryStop(double limitSeconds) => _limitSeconds = limitSeconds;

    /// <summary>The stop's reason, or null; <paramref name="now"/> is run seconds.</summary>
    public string? Check(ClusterObservation observation, double now)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Primary is not null)
        {
            _since = null;
            return null;
        }

        _since ??= now;
        return now - _since > _limitSeconds
            ? string.Create(CultureInfo.InvariantCulture, $"no primary for more than {_limitSeconds:0} s")
            : null;
    }
}
