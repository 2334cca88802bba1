namespace Resilience.LocalCluster.Internal;

/// <summary>The programs the local platform runs, found on this machine.</summary>
internal sealed record Tools(string Patroni, string Etcd, string Haproxy, string PgBinDir, string Dotnet)
{
    private const string SetupHint = "run ./scripts/setup (it installs postgresql-15, patroni, etcd-server and haproxy with apt-get)";

    /// <summary>Finds every tool for PostgreSQL <paramref name="pgMajorVersion"/>.</summary>
    /// <exception cref="LocalClusterException">One is missing: the message names it and how to install it.</exception>
    public static Tools Locate(string pgMajorVersion)
    {
        var patroni = Which("patroni") ?? throw Missing("patroni", "patroni");
        var etcd = Which("etcd") ?? throw Missing("etcd", "etcd-server");
        var haproxy = Which("haproxy") ?? throw Missing("haproxy", "haproxy");
        var pgBin = $"/usr/lib/postgresql/{pgMajorVersion}/bin";
        if (!File.Exists(Path.Combine(pgBin, "postgres")) || !File.Exists(Path.Combine(pgBin, "pg_rewind")))
        {
            throw new LocalClusterException($"PostgreSQL {pgMajorVersion} is not installed (no {pgBin}/postgres); {SetupHint}");
        }

        foreach (var tool in new[] { "/usr/bin/setsid", "/usr/bin/setpriv" })
        {
            if (!File.Exists(tool))
            {
                throw new LocalClusterException($"{tool} is missing; install util-linux");
            }
        }

        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : Which("dotnet")
            ?? throw new LocalClusterException("dotnet is not on PATH; the supervisor and HealthProbes need the .NET 10 runtime");
        return new Tools(patroni, etcd, haproxy, pgBin, dotnet);
    }

    /// <summary>The full path of <paramref name="name"/> on PATH (plus the sbin folders), or null.</summary>
    public static string? Which(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    private static LocalClusterException Missing(string tool, string package) =>
        new($"{tool} is not installed (not found on PATH); {SetupHint.Replace("postgresql-15, patroni, etcd-server and haproxy", package, StringComparison.Ordinal)}");
}
