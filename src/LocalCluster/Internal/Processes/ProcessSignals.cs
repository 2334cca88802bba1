using Resilience.LocalCluster.Internal.Posix;
using Resilience.Topology.Time;

namespace Resilience.LocalCluster.Internal.Processes;

/// <summary>Signals whole process trees: a member's machine is all of its processes at once.</summary>
internal static class ProcessSignals
{
    /// <summary>
    /// SIGKILLs every process in the trees of <paramref name="roots"/>: stopped first so none can fork meanwhile.
    /// Returns them, so a stop path can wait until they are gone (<see cref="WaitGoneAsync"/>): SIGKILL only asks the kernel.
    /// </summary>
    public static IReadOnlyList<ProcessHandle> KillTrees(IEnumerable<int> roots)
    {
        var rootList = roots.ToList();
        var first = ProcFs.Tree(rootList);
        foreach (var p in first)
        {
            Libc.Signal(p.Pid, Libc.SigStop);
        }

        // Children forked between the snapshot and the stop are found now that nothing runs.
        var all = ProcFs.Tree(rootList.Concat(first.Select(p => p.Pid)));
        foreach (var p in all)
        {
            Libc.Signal(p.Pid, Libc.SigKill);
        }

        return all.Select(p => new ProcessHandle(p.Pid, p.StartTicks)).ToList();
    }

    /// <summary>Sends <paramref name="signal"/> to every process in the trees of <paramref name="roots"/>.</summary>
    public static IReadOnlyList<int> SignalTrees(IEnumerable<int> roots, int signal)
    {
        var all = ProcFs.Tree(roots);
        foreach (var p in all)
        {
            Libc.Signal(p.Pid, signal);
        }

        return all.Select(p => p.Pid).ToList();
    }

    /// <summary>Waits until none of <paramref name="handles"/> runs any more (zombies count as gone).</summary>
    public static async Task<bool> WaitGoneAsync(IEnumerable<ProcessHandle> handles, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var list = handles.ToList();
        return await Poll.UntilAsync(_ => Task.FromResult(!list.Any(h => h.IsAlive)), timeout, TimeSpan.FromMilliseconds(50), time, ct);
    }

    /// <summary>Waits until every one of <paramref name="killed"/> is gone; throws naming <paramref name="owner"/> and the pids left after <see cref="LocalClusterConstants.KillWait"/>.</summary>
    public static async Task EnsureGoneAsync(IReadOnlyList<ProcessHandle> killed, string owner, TimeProvider time, CancellationToken ct)
    {
        if (!await WaitGoneAsync(killed, LocalClusterConstants.KillWait, time, ct))
        {
            var left = killed.Where(h => h.IsAlive).Select(h => h.Pid);
            throw new LocalClusterException(
                $"{owner}: process(es) {string.Join(", ", left)} still exist {LocalClusterConstants.KillWait.TotalSeconds:0} s after SIGKILL (see /proc/<pid>/status); nothing more can be done from here",
                LocalClusterException.Failed);
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; true when it ended within the grace.</summary>
    public static async Task<bool> StopAsync(ProcessHandle handle, TimeSpan grace, TimeProvider time, CancellationToken ct)
    {
        if (!handle.IsAlive)
        {
            return true;
        }

        // A frozen process cannot act on SIGTERM.
        Libc.Signal(handle.Pid, Libc.SigCont);
        Libc.Signal(handle.Pid, Libc.SigTerm);
        if (await WaitGoneAsync([handle], grace, time, ct))
        {
            return true;
        }

        if (handle.IsAlive)
        {
            Libc.Signal(handle.Pid, Libc.SigKill);
        }

        await WaitGoneAsync([handle], TimeSpan.FromSeconds(5), time, ct);
        return false;
    }
}
