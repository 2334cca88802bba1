namespace Resilience.Bench.Results;

/// <summary>The machine a benchmark ran on, for the README's performance section.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="Cpu">CPU model, from <c>/proc/cpuinfo</c>.</param>
/// <param name="MemoryGb">Physical memory in GB.</param>
/// <param name="Os">Operating system description.</param>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGb, string Os)
{
    /// <summary>Reads this machine's description; unknown parts are reported as <c>unknown</c>.</summary>
    public static MachineInfo Current()
    {
        string cpu = "unknown";
        double memoryGb = 0;
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            var memKb = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            memoryGb = memKb is null ? 0 : Math.Round(double.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024, 1);
        }
        catch (IOException)
        {
            // Not Linux, or /proc unreadable: the report says unknown.
        }

        return new MachineInfo(Environment.ProcessorCount, cpu, memoryGb, System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }
}
