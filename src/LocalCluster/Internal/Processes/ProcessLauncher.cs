using System.Diagnostics;
using Resilience.LocalCluster.Internal.Posix;

namespace Resilience.LocalCluster.Internal.Processes;

/// <summary>
/// Starts long-running processes detached from the caller: their own session (no terminal signals, they
/// outlive the CLI), output appended to a log file, optionally as another user. The returned pid is the
/// real program's: sh, setsid and setpriv all exec in place.
/// </summary>
internal static class ProcessLauncher
{
    private const string Shell = "/bin/sh";
    private const string SetSid = "/usr/bin/setsid";
    private const string SetPriv = "/usr/bin/setpriv";
    private const string SafePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Starts <paramref name="spec"/> and returns its handle.</summary>
    /// <exception cref="LocalClusterException">The process could not be started or exited at once.</exception>
    public static ProcessHandle Start(LaunchSpec spec)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(spec.LogPath)!);
        var psi = new ProcessStartInfo(Shell)
        {
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Path.GetDirectoryName(spec.LogPath)!,
        };
        // $0 is the log file; "$@" is the command. The redirection is opened by sh (as us) before exec.
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$@\" >>\"$0\" 2>&1 </dev/null");
        psi.ArgumentList.Add(spec.LogPath);
        psi.ArgumentList.Add(SetSid);
        if (spec.RunAs is { } account)
        {
            psi.ArgumentList.Add(SetPriv);
            psi.ArgumentList.Add($"--reuid={account.Uid}");
            psi.ArgumentList.Add($"--regid={account.Gid}");
            psi.ArgumentList.Add("--init-groups");
            psi.ArgumentList.Add("--");
        }

        psi.ArgumentList.Add(spec.Executable);
        foreach (var a in spec.Arguments)
        {
            psi.ArgumentList.Add(a);
        }

        if (spec.CleanEnvironment)
        {
            psi.Environment.Clear();
            psi.Environment["PATH"] = SafePath;
            psi.Environment["LANG"] = "C.UTF-8";
            var who = spec.RunAs ?? UnixAccount.Current();
            psi.Environment["HOME"] = who.Home;
            psi.Environment["USER"] = who.Name;
            psi.Environment["LOGNAME"] = who.Name;
        }

        foreach (var (k, v) in spec.Environment)
        {
            psi.Environment[k] = v;
        }

        int pid;
        try
        {
            using var process = Process.Start(psi) ?? throw new LocalClusterException($"could not start {spec.Executable}");
            pid = process.Id;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalClusterException($"could not start {spec.Executable}: {e.Message}");
        }

        return ProcessHandle.Of(pid)
            ?? throw new LocalClusterException($"{Path.GetFileName(spec.Executable)} exited at once; see {spec.LogPath}");
    }
}
