using System.Globalization;

namespace Resilience.HealthProbes.Internal;

/// <summary>Number formats of the reasons and logs: invariant, short, SI units.</summary>
internal static class Text
{
    public static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Bytes in SI units (1 MB = 1,000,000 bytes), e.g. <c>2.1 GB</c>.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1_000_000_000 => $"{Number(bytes / 1e9, "0.0")} GB",
        >= 1_000_000 => $"{Number(bytes / 1e6, "0.0")} MB",
        >= 1_000 => $"{Number(bytes / 1e3, "0.0")} kB",
        _ => $"{bytes} B",
    };
}
