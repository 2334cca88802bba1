using System.Diagnostics;
using Resilience.LocalCluster.Internal.Posix;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>Runs one pgBackRest command as the service account (it reads the data directory and writes the repository).</summary>
internal sealed class PgBackRestRunner(ClusterEnvironment env, BackupLayout layout)
{
    private const string SetPriv = "/usr/bin/setpriv";

    /// <summary>Runs <c>pgbackrest --config=... --stanza=... <paramref name="arguments"/></c> and returns its output.</summary>
    /// <exception cref="LocalClusterException">pgBackRest is missing or failed: the message is its ERROR line.</exception>
    /// <exception cref="OperationCanceledException">Cancelled: the whole pgBackRest process tree was killed first.</exception>
    public async Task<string> RunAsync(string what, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        if (!File.Exists(BackupConstants.PgBackRest))
        {
            throw new LocalClusterException("pgbackrest is not installed; run ./scripts/setup (it installs the Debian package pgbackrest)");
        }

        var psi = new ProcessStartInfo(env.ServiceAccount is null ? BackupConstants.PgBackRest : SetPriv)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = layout.Root,
        };
        if (env.ServiceAccount is { } account)
        {
            foreach (var a in new[] { $"--reuid={account.Uid}", $"--regid={account.Gid}", "--init-groups", "--", BackupConstants.PgBackRest })
            {
                psi.ArgumentList.Add(a);
            }
        }

        psi.ArgumentList.Add($"--config={layout.ConfigFile}");
        psi.ArgumentList.Add($"--stanza={BackupConstants.Stanza}");
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        psi.Environment["LANG"] = "C.UTF-8";
        psi.Environment["HOME"] = (env.ServiceAccount ?? UnixAccount.Current()).Home;
        psi.Environment["PGPASSFILE"] = layout.PgPass;

        using var process = Process.Start(psi) ?? throw new LocalClusterException($"could not start {BackupConstants.PgBackRest}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // A restore runs several processes (process-max): none may outlive the interrupted command.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new LocalClusterException($"pgbackrest {what} failed: {ErrorLine(output + "\n" + errors) ?? $"exit code {process.ExitCode}"}; log in {layout.LogDir}");
        }

        return output;
    }

    /// <summary>pgBackRest's first ERROR message without its process prefix, or null.</summary>
    internal static string? ErrorLine(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("ERROR:", StringComparison.Ordinal));
        return line is null ? null : line[(line.IndexOf("ERROR:", StringComparison.Ordinal) + "ERROR:".Length)..].Trim();
    }
}
