using System.Globalization;

namespace Resilience.Topology;

/// <summary>The one byte format of the repository's reports, logs and tables: SI units (1 MB = 1,000,000 bytes), as <c>df -H</c> and PostgreSQL's lag figures in MB/s.</summary>
public static class ByteSize
{
    /// <summary>Bytes in SI units with one decimal, e.g. <c>2.1 GB</c>, <c>512 B</c>.</summary>
    /// <param name="bytes">A byte count.</param>
    /// <returns>The count in B, kB, MB or GB.</returns>
    public static string Format(long bytes) => bytes switch
    {
        >= 1_000_000_000 => Scaled(bytes / 1e9, "GB"),
        >= 1_000_000 => Scaled(bytes / 1e6, "MB"),
        >= 1_000 => Scaled(bytes / 1e3, "kB"),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Scaled(double value, string unit) => value.ToString("0.0", CultureInfo.InvariantCulture) + " " + unit;
}
