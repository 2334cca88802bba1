using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Resilience.Topology.Internal;

/// <summary>One value of a stack file with the key path that leads to it, so every error can name both.</summary>
internal sealed class ConfigNode(string file, string path, YamlNode node)
{
    public string File => file;

    public string Path { get; } = path;

    public StackFileException Error(string problem) => new(file, Path, problem);

    /// <summary>A <c>{ secure: ... }</c> mapping: what <c>pulumi config set --secret</c> writes.</summary>
    public bool IsSecret =>
        node is YamlMappingNode m && m.Children.Count == 1
        && m.Children.Keys.Single() is YamlScalarNode { Value: "secure" };

    public ConfigObject AsObject() =>
        node is YamlMappingNode mapping
            ? new ConfigObject(file, Path, mapping)
            : throw Error($"expected an object, got {Describe()}");

    public IReadOnlyList<ConfigNode> AsList()
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error($"expected a list, got {Describe()}");
        }

        return sequence.Children.Select((child, i) => new ConfigNode(file, $"{Path}[{i}]", child)).ToList();
    }

    public bool IsList => node is YamlSequenceNode;

    /// <summary>A plain (unquoted) scalar like <c>15.4</c>, which YAML readers take as a number.</summary>
    public bool IsUnquotedDecimal =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: { } v }
        && v.Contains('.', StringComparison.Ordinal)
        && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public string AsString()
    {
        if (node is not YamlScalarNode { Value: { } text })
        {
            throw Error($"expected a string, got {Describe()}");
        }

        return text;
    }

    public string AsNonEmptyString()
    {
        var text = AsString();
        return text.Trim().Length == 0 ? throw Error("must not be empty") : text;
    }

    public bool AsBool() => AsString() switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        var other => throw Error($"expected true or false, got '{other}'"),
    };

    public int AsInt(int min, int max)
    {
        var text = AsString();
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"expected a whole number, got '{text}'");
        }

        return value < min || value > max
            ? throw Error(max == int.MaxValue ? $"must be >= {min}, got {value}" : $"must be {min} to {max}, got {value}")
            : value;
    }

    /// <summary>A number; <paramref name="exclusiveMin"/> makes <paramref name="min"/> itself invalid.</summary>
    public double AsNumber(double min, double max, bool exclusiveMin = false)
    {
        var text = AsString();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error($"expected a number, got '{text}'");
        }

        var tooSmall = exclusiveMin ? value <= min : value < min;
        if (tooSmall)
        {
            throw Error($"must be {(exclusiveMin ? ">" : ">=")} {Format(min)}, got {Format(value)}");
        }

        return value > max ? throw Error($"must be <= {Format(max)}, got {Format(value)}") : value;
    }

    public IReadOnlyList<string> AsStringList() => AsList().Select(item => item.AsNonEmptyString()).ToList();

    private string Describe() => node switch
    {
        YamlMappingNode => "an object",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: var v } => $"'{v}'",
        _ => "nothing",
    };

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>A mapping whose fields are read one by one; fields never read are reported as unknown.</summary>
internal sealed class ConfigObject(string file, string path, YamlMappingNode mapping)
{
    private readonly HashSet<string> _read = [];

    public string Path { get; } = path;

    public StackFileException Error(string problem) => new(file, Path, problem);

    /// <summary>The keys as written, in file order (for mappings keyed by name rather than by fixed fields).</summary>
    public IReadOnlyList<string> Keys => mapping.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "?").ToList();

    /// <summary>The field, or null when it is absent or written as null.</summary>
    public ConfigNode? Field(string name)
    {
        _read.Add(name);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: var k } && k == name)
            {
                return IsNull(value) ? null : new ConfigNode(file, $"{Path}.{name}", value);
            }
        }

        return null;
    }

    public ConfigNode Required(string name) =>
        Field(name) ?? throw new StackFileException(file, $"{Path}.{name}", "is required");

    /// <summary>Rejects fields that were never asked for: a typo must not fall back to a default silently.</summary>
    public void RejectUnknownFields()
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name))
            {
                throw new StackFileException(file, $"{Path}.{name}", "unknown key");
            }
        }
    }

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted), Value: null or "" or "~" or "null" };
}
