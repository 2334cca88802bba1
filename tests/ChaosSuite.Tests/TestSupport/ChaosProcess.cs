using System.Diagnostics;
using System.Globalization;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>The real `chaos` program as a child process, for tests that signal it as a CI runner or a user would.</summary>
public static class ChaosProcess
{
    /// <summary>The built `chaos` beside this test assembly, as its wrapper runs it, in the repository.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Stacks.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chaos.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends SIG<paramref name="signal"/> (TERM, INT...) with kill(1).</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
