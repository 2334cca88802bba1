using System.Globalization;

namespace Resilience.LocalCluster.Internal.Posix;

/// <summary>
/// A control group of the kernel's CPU controller that holds one member's processes, so their CPU can be capped
/// (a sick host's CPU starvation). cgroup v1's <c>cpu</c> hierarchy (<c>cpu.cfs_quota_us</c>) or cgroup v2's
/// <c>cpu.max</c>, whichever is mounted with the controller; both as root. Children forked later (PostgreSQL's
/// backends) start in their parent's group, so the cap covers every connection.
/// </summary>
internal sealed class CpuCgroup
{
    /// <summary>The scheduler period the quota is a share of (the kernel's default).</summary>
    public const int PeriodMicroseconds = 100_000;

    private const string GroupsFolder = "resilience";
    private readonly string _root;
    private readonly bool _v2;

    private CpuCgroup(string root, bool v2, string path)
    {
        _root = root;
        _v2 = v2;
        Path = path;
    }

    /// <summary>Gets the group's directory.</summary>
    public string Path { get; }

    /// <summary>
    /// The CPU hierarchy under <paramref name="mountRoot"/>: v1's <c>cpu</c> (or <c>cpu,cpuacct</c>), else v2's unified
    /// tree (at the root or under <c>unified</c>) when its <c>cpu</c> controller is available.
    /// </summary>
    /// <exception cref="LocalClusterException">Neither is usable (exit 3), in one line.</exception>
    public static (string Root, bool V2) FindHierarchy(string mountRoot = "/sys/fs/cgroup")
    {
        foreach (var v1 in new[] { "cpu", "cpu,cpuacct" }.Select(d => System.IO.Path.Combine(mountRoot, d)))
        {
            if (File.Exists(System.IO.Path.Combine(v1, "cpu.cfs_quota_us")))
            {
                return (v1, false);
            }
        }

        foreach (var v2 in new[] { mountRoot, System.IO.Path.Combine(mountRoot, "unified") })
        {
            var controllers = System.IO.Path.Combine(v2, "cgroup.controllers");
            if (File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', '\n').Contains("cpu"))
            {
                return (v2, true);
            }
        }

        throw new LocalClusterException(
            $"no usable CPU controller under {mountRoot}: neither cgroup v1 'cpu' (cpu.cfs_quota_us) nor cgroup v2 with the cpu controller is mounted; a degraded host cannot be simulated here",
            LocalClusterException.Environment);
    }

    /// <summary>Creates (or reopens) the group of <paramref name="name"/> in <paramref name="hierarchy"/>.</summary>
    public static CpuCgroup Open((string Root, bool V2) hierarchy, string name)
    {
        var parent = System.IO.Path.Combine(hierarchy.Root, GroupsFolder);
        Directory.CreateDirectory(parent);
        if (hierarchy.V2)
        {
            // v2 gives a child the cpu controller only when its parent delegates it.
            TryWrite(System.IO.Path.Combine(hierarchy.Root, "cgroup.subtree_control"), "+cpu");
            TryWrite(System.IO.Path.Combine(parent, "cgroup.subtree_control"), "+cpu");
        }

        var path = System.IO.Path.Combine(parent, name);
        Directory.CreateDirectory(path);
        var group = new CpuCgroup(hierarchy.Root, hierarchy.V2, path);
        if (!hierarchy.V2)
        {
            File.WriteAllText(System.IO.Path.Combine(path, "cpu.cfs_period_us"), PeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
        }

        return group;
    }

    /// <summary>The groups of this kind left under <paramref name="hierarchy"/> whose names start with <paramref name="prefix"/>.</summary>
    public static IEnumerable<CpuCgroup> Existing((string Root, bool V2) hierarchy, string prefix)
    {
        var parent = System.IO.Path.Combine(hierarchy.Root, GroupsFolder);
        return Directory.Exists(parent)
            ? Directory.EnumerateDirectories(parent, prefix + "*").Select(p => new CpuCgroup(hierarchy.Root, hierarchy.V2, p)).ToList()
            : [];
    }

    /// <summary>Moves the processes <paramref name="pids"/> (whole thread groups) into the group; ones already gone are skipped.</summary>
    public void Add(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            TryWrite(System.IO.Path.Combine(Path, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Caps the group at <paramref name="shareOfOneCore"/> (0.1 = 10 % of one core), or lifts the cap when null.</summary>
    public void Cap(double? shareOfOneCore)
    {
        var quota = shareOfOneCore is { } share ? Math.Max(1000, (int)(share * PeriodMicroseconds)) : (int?)null;
        if (_v2)
        {
            var value = quota is { } q ? q.ToString(CultureInfo.InvariantCulture) : "max";
            File.WriteAllText(System.IO.Path.Combine(Path, "cpu.max"), $"{value} {PeriodMicroseconds}");
        }
        else
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "cpu.cfs_quota_us"), (quota ?? -1).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The processes in the group now.</summary>
    public IReadOnlyList<int> Processes()
    {
        var file = System.IO.Path.Combine(Path, "cgroup.procs");
        return File.Exists(file)
            ? File.ReadAllLines(file).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList()
            : [];
    }

    /// <summary>Lifts the cap, moves every process back to the hierarchy's root group and removes the group.</summary>
    public void Release()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        Cap(null);
        foreach (var pid in Processes())
        {
            TryWrite(System.IO.Path.Combine(_root, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        }

        Directory.Delete(Path); // a cgroup directory is removed empty: its control files are not real files
    }

    private static void TryWrite(string file, string value)
    {
        try
        {
            File.WriteAllText(file, value);
        }
        catch (IOException)
        {
            // the process exited meanwhile (ESRCH), or the controller is already delegated
        }
    }
}
