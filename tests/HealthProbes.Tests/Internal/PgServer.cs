using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>One real PostgreSQL server run as the <c>postgres</c> user, started and stopped by pid.</summary>
public sealed class PgServer
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    public const string OsUser = "postgres";

    // Whatever happens to the test run, these are killed when the test host exits.
    private static readonly ConcurrentDictionary<int, PgServer> Running = new();
    private Process? _process;

    static PgServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var server in Running.Values)
        {
            server.KillTree();
        }
    };

    public PgServer(string name, string dataDirectory, int port, string logFile)
    {
        Name = name;
        DataDirectory = dataDirectory;
        Port = port;
        LogFile = logFile;
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string LogFile { get; }

    /// <summary>The postmaster's pid while it runs.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public void Start()
    {
        if (Pid is not null)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        // exec: the pid we hold is the postmaster itself, not a shell.
        var start = AsPostgres("/bin/sh", "-c", $"exec {BinDirectory}/postgres -D '{DataDirectory}' >> '{LogFile}' 2>&1");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Name}");
        Running[_process.Id] = this;
        StartWatchdog(_process.Id);
    }

    /// <summary>Stops with <paramref name="signal"/> (SIGINT fast, SIGQUIT immediate), then SIGKILL of the whole tree if it lingers.</summary>
    public async Task StopAsync(int signal = Signals.Int)
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            Thaw();
            Signals.Send(process.Id, signal);
            using var timeout = new CancellationTokenSource(Timeouts.ServerStartStop);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                KillTree();
                await process.WaitForExitAsync();
            }
        }

        Running.TryRemove(process.Id, out _);
        process.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP of the postmaster and every child: a hung machine.</summary>
    public void Freeze() => SignalTree(Signals.Stop);

    public void Thaw() => SignalTree(Signals.Cont);

    public string LogTail(int lines = 30) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "(no log)";

    /// <summary>Runs a PostgreSQL tool as the <c>postgres</c> user and returns its output; throws with the output on failure.</summary>
    public static async Task<string> RunToolAsync(string tool, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = AsPostgres($"{BinDirectory}/{tool}", [.. arguments]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeouts.ClusterStart);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {Timeouts.ClusterStart.TotalSeconds:0} s");
        }

        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {output}");
    }

    /// <summary>Kills a postmaster left behind by an earlier, crashed test run, if the pid file's process still serves that directory.</summary>
    public static void KillLeftover(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        var commandLine = File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline") : "";
        if (commandLine.Contains(dataDirectory, StringComparison.Ordinal))
        {
            KillTree(pid);
        }
    }

    /// <summary>
    /// A shell that outlives a killed test host: when the host is gone (even by SIGKILL, which runs no handler), it stops
    /// the postmaster by pid (after checking the pid still serves this directory) and thaws its children. It ends by
    /// itself once the postmaster is gone.
    /// </summary>
    private void StartWatchdog(int postmaster)
    {
        const string script = """
            host=$1 pg=$2 dir=$3
            while kill -0 "$host" 2>/dev/null && kill -0 "$pg" 2>/dev/null; do sleep 0.5; done
            serves() { grep -qF -- "$dir" "/proc/$pg/cmdline" 2>/dev/null; }
            serves || exit 0
            for child in $(ps -o pid= --ppid "$pg"); do kill -CONT "$child" 2>/dev/null; done
            kill -CONT "$pg"; kill -QUIT "$pg"; sleep 3
            serves && kill -KILL "$pg"
            exit 0
            """;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", script, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), postmaster.ToString(CultureInfo.InvariantCulture), DataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
    }

    private void SignalTree(int signal)
    {
        if (Pid is not { } pid)
        {
            return;
        }

        Signals.Send(pid, signal);
        foreach (var child in Signals.ChildrenOf(pid))
        {
            Signals.Send(child, signal);
        }
    }

    private void KillTree()
    {
        if (_process is { } process)
        {
            KillTree(process.Id);
        }
    }

    private static void KillTree(int pid)
    {
        var children = Signals.ChildrenOf(pid);
        foreach (var target in children.Append(pid))
        {
            Signals.Send(target, Signals.Cont);
            Signals.Send(target, Signals.Kill);
        }
    }

    private static ProcessStartInfo AsPostgres(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UserName = OsUser, UseShellExecute = false, WorkingDirectory = "/var/tmp" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = "/var/tmp";
        start.Environment["LC_ALL"] = "C";
        return start;
    }
}
