namespace Resilience.LocalCluster.Internal;

/// <summary>The programs the local platform runs, found on this machine.</summary>
internal sealed record Tools(string Patroni, string Etcd, string Haproxy, string PgBinDir, string Dotnet)
{
    private const string SetupHint = "run ./scripts/setup (it installs postgresql-15, patroni, etcd-server and haproxy with apt-get)";

    /// <summary>The folders searched: PATH, then the system folders (a root shell may lack sbin).</summary>
    public static string DefaultSearchPath => (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Finds every tool for PostgreSQL <paramref name="pgMajorVersion"/> in <paramref name="searchPath"/> (default <see cref="DefaultSearchPath"/>).</summary>
    /// <exception cref="LocalClusterException">One is missing: the message names it and how to install it.</exception>
    public static Tools Locate(string pgMajorVersion, string? searchPath = null, string pgRoot = "/usr/lib/postgresql")
    {
        searchPath ??= DefaultSearchPath;
        var patroni = Which("patroni", searchPath) ?? throw Missing("patroni", "patroni");
        var etcd = Which("etcd", searchPath) ?? throw Missing("etcd", "etcd-server");
        var haproxy = Which("haproxy", searchPath) ?? throw Missing("haproxy", "haproxy");
        var pgBin = $"{pgRoot}/{pgMajorVersion}/bin";
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

        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : Which("dotnet", DefaultSearchPath)
            ?? throw new LocalClusterException("dotnet is not on PATH; the supervisor and HealthProbes need the .NET 10 runtime");
        return new Tools(patroni, etcd, haproxy, pgBin, dotnet);
    }

    /// <summary>The full path of <paramref name="name"/> in the folders of <paramref name="searchPath"/>, or null.</summary>
    public static string? Which(string name, string searchPath)
    {
        return searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    private static LocalClusterException Missing(string tool, string package) =>
        new($"{tool} is not installed (not found on PATH); {SetupHint.Replace("postgresql-15, patroni, etcd-server and haproxy", package, StringComparison.Ordinal)}");
}
