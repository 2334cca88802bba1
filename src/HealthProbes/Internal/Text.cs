using System.Globalization;
using Resilience.Topology;

namespace Resilience.HealthProbes.Internal;

/// <summary>Number formats of the reasons and logs: invariant, short, SI units.</summary>
internal static class Text
{
    public static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Bytes in SI units (<see cref="ByteSize"/>), e.g. <c>2.1 GB</c>.</summary>
    public static string Bytes(long bytes) => ByteSize.Format(bytes);
}
