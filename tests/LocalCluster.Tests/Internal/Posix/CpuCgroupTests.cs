using Resilience.LocalCluster.Internal.Posix;

namespace Resilience.LocalCluster.Tests.Internal.Posix;

/// <summary>Which CPU hierarchy a degraded host uses, on mount layouts written into a temporary folder, and the pattern's rules.</summary>
public sealed class CpuCgroupTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("cgroup-mount-").FullName;

    public void Dispose() => Directory.Delete(_mount, recursive: true);

    [Fact]
    public void Cgroup_v1_cpu_is_used_when_mounted()
    {
        Write("cpu/cpu.cfs_quota_us", "-1");
        Write("unified/cgroup.controllers", "");

        Assert.Equal((Path.Combine(_mount, "cpu"), false), CpuCgroup.FindHierarchy(_mount));
    }

    [Fact]
    public void Cgroup_v1_with_cpu_and_cpuacct_joined_is_found_too()
    {
        Write("cpu,cpuacct/cpu.cfs_quota_us", "-1");

        Assert.Equal((Path.Combine(_mount, "cpu,cpuacct"), false), CpuCgroup.FindHierarchy(_mount));
    }

    [Fact]
    public void Cgroup_v2_is_used_when_its_cpu_controller_is_available()
    {
        Write("cgroup.controllers", "cpuset cpu io memory pids\n");

        Assert.Equal((_mount, true), CpuCgroup.FindHierarchy(_mount));
    }

    [Fact]
    public void Neither_usable_is_refused_in_one_line_with_the_environment_exit_code()
    {
        Write("unified/cgroup.controllers", "memory pids\n"); // v2 mounted, but without the cpu controller

        var e = Assert.Throws<LocalClusterException>(() => CpuCgroup.FindHierarchy(_mount));

        Assert.Equal(LocalClusterException.Environment, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"no usable CPU controller under {_mount}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, 2, 5, null)]
    [InlineData(0, 2, 5, "the CPU cap must be a share of one core between 0 and 1 (exclusive), got 0")]
    [InlineData(1, 2, 5, "the CPU cap must be a share of one core between 0 and 1 (exclusive), got 1")]
    [InlineData(0.1, 5, 5, "the starved spell must be positive and shorter than the cycle, got 5 s of 5 s")]
    [InlineData(0.1, 0, 5, "the starved spell must be positive and shorter than the cycle, got 0 s of 5 s")]
    public void A_starvation_pattern_names_what_is_wrong(double share, double starved, double cycle, string? problem)
    {
        var pattern = new CpuStarvation { ShareOfOneCore = share, Starved = TimeSpan.FromSeconds(starved), Cycle = TimeSpan.FromSeconds(cycle) };

        Assert.Equal(problem, pattern.Problem());
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_mount, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
