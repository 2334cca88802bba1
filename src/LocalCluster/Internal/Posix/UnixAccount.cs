namespace Resilience.LocalCluster.Internal.Posix;

/// <summary>A local user account from <c>/etc/passwd</c>: who PostgreSQL and Patroni run as.</summary>
internal sealed record UnixAccount(string Name, int Uid, int Gid, string Home)
{
    /// <summary>The account named <paramref name="name"/>, or null when it does not exist.</summary>
    public static UnixAccount? Find(string name, string passwdPath = "/etc/passwd") =>
        File.Exists(passwdPath) ? Parse(File.ReadLines(passwdPath), name) : null;

    /// <summary>The account running this process.</summary>
    public static UnixAccount Current()
    {
        var uid = Libc.EffectiveUserId;
        var fromPasswd = File.Exists("/etc/passwd")
            ? File.ReadLines("/etc/passwd").Select(ParseLine).FirstOrDefault(a => a?.Uid == uid)
            : null;
        return fromPasswd ?? new UnixAccount(Environment.UserName, uid, uid, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
    }

    /// <summary>Finds <paramref name="name"/> among passwd lines.</summary>
    public static UnixAccount? Parse(IEnumerable<string> passwdLines, string name) =>
        passwdLines.Select(ParseLine).FirstOrDefault(a => a?.Name == name);

    private static UnixAccount? ParseLine(string line)
    {
        var f = line.Split(':');
        return f.Length >= 6 && int.TryParse(f[2], out var uid) && int.TryParse(f[3], out var gid)
            ? new UnixAccount(f[0], uid, gid, f[5])
            : null;
    }
}
