using System.Security.Cryptography;
using Resilience.LocalCluster.Internal.State;
using Resilience.Topology.Files;

namespace Resilience.LocalCluster.Internal.Config;

/// <summary>The generated passwords of a stack, each in its own 0600 file under <c>secrets/</c>.</summary>
internal sealed record Secrets(string Superuser, string Replication, string App, string Probe, string RestApi)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const int Length = 32;

    /// <summary>Loads the stack's passwords, creating any that are missing.</summary>
    public static Secrets LoadOrCreate(StateLayout layout)
    {
        Directory.CreateDirectory(layout.SecretsDir);
        File.SetUnixFileMode(layout.SecretsDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Secrets(Get(layout, "superuser"), Get(layout, "replication"), Get(layout, "app"), Get(layout, "probe"), Get(layout, "patroni-api"));
    }

    /// <summary>Loads existing passwords; null when the stack has none.</summary>
    public static Secrets? TryLoad(StateLayout layout)
    {
        string? Read(string n) => File.Exists(layout.Secret(n)) ? File.ReadAllText(layout.Secret(n)).Trim() : null;
        return Read("superuser") is { } s && Read("replication") is { } r && Read("app") is { } a && Read("probe") is { } p
            && Read("patroni-api") is { } api
            ? new Secrets(s, r, a, p, api)
            : null;
    }

    /// <summary>A new random password (letters and digits only, so it needs no quoting anywhere).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    private static string Get(StateLayout layout, string name)
    {
        var path = layout.Secret(name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = Generate();
        WritePrivate(path, value);
        return value;
    }

    /// <summary>Writes a file readable by its owner only.</summary>
    public static void WritePrivate(string path, string content)
    {
        AtomicFile.WriteAllText(path, content, ownerOnly: true);
    }
}
