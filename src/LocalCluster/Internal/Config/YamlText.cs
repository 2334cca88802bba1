namespace Resilience.LocalCluster.Internal.Config;

/// <summary>Quoting for the hand-written YAML of generated configs.</summary>
internal static class YamlText
{
    /// <summary>A single-quoted YAML scalar.</summary>
    public static string Q(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
