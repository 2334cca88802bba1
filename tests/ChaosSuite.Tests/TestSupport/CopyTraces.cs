using System.Globalization;
using System.Text.Json;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>What a local point-in-time copy leaves on the machine: its record's port, the processes working in its folder.</summary>
internal static class CopyTraces
{
    /// <summary>The port in the copy's record (<c>copy.json</c>, written before pgBackRest starts restoring).</summary>
    public static int Port(string copy)
    {
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(copy, "copy.json")));
        return record.RootElement.GetProperty("Port").GetInt32();
    }

    /// <summary>Every process whose command line names <paramref name="path"/>, from /proc ("pid: command line").</summary>
    public static List<string> ProcessesMentioning(string path)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(path, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {commandLine}");
                }
            }
            catch (IOException)
            {
                // the process exited while we looked
            }
        }

        return found;
    }
}
