using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Resilience.Topology.Internal;

namespace Resilience.Topology;

/// <summary>Loads a <c>Pulumi.&lt;stack&gt;.yaml</c> into a validated <see cref="StackSpec"/>.</summary>
public static class StackSpecLoader
{
    /// <summary>The stack file of <paramref name="stack"/> in <paramref name="directory"/>.</summary>
    public static string StackFilePath(string directory, string stack) => Path.Combine(directory, $"Pulumi.{stack}.yaml");

    /// <summary>Loads the stack named <paramref name="stack"/> from <c>Pulumi.&lt;stack&gt;.yaml</c> in <paramref name="directory"/>.</summary>
    /// <exception cref="StackFileException">The file is missing, not YAML, or a value is invalid.</exception>
    public static StackSpec LoadStack(string directory, string stack)
    {
        var path = StackFilePath(directory, stack);
        if (!File.Exists(path))
        {
            var known = Directory.Exists(directory)
                ? Directory.GetFiles(directory, "Pulumi.*.yaml").Select(f => Path.GetFileName(f)[7..^5]).Order().ToList()
                : [];
            throw new StackFileException(Path.GetFileName(path),
                $"no such stack file in {Path.GetFullPath(directory)}; known stacks: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
        }

        return Load(path);
    }

    /// <summary>Loads a stack file; the stack name comes from the file name <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
    /// <exception cref="StackFileException">The file is missing, not YAML, or a value is invalid.</exception>
    public static StackSpec Load(string path)
    {
        var fileName = Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StackFileException(fileName, $"cannot read the file: {e.Message}");
        }

        return Parse(text, fileName, StackNameOf(fileName));
    }

    /// <summary>Parses stack file text; <paramref name="fileName"/> names the file in error messages.</summary>
    public static StackSpec Parse(string yaml, string fileName, string stackName)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new StackFileException(fileName, $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {OneLine(e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's representation model throws these on some malformed input (found by the property tests).
            var at = parser.Current?.Start;
            var where = at is null ? "" : $" at line {at.Value.Line}, column {at.Value.Column}";
            throw new StackFileException(fileName, $"not valid YAML{where}: {OneLine(e.Message)}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new StackFileException(fileName, "expected a mapping with a 'config:' key");
        }

        var configNode = root.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "config" }).Value;
        var config = configNode switch
        {
            YamlMappingNode mapping => mapping,
            null => new YamlMappingNode(),
            _ when ConfigObject.IsNull(configNode) => new YamlMappingNode(),
            _ => throw new StackFileException(fileName, "config", "expected an object of keys"),
        };
        return new SpecReader(fileName, stackName, config).Read();
    }

    private static string StackNameOf(string fileName) =>
        fileName.StartsWith("Pulumi.", StringComparison.Ordinal) && fileName.EndsWith(".yaml", StringComparison.Ordinal) && fileName.Length > 12
            ? fileName[7..^5]
            : Path.GetFileNameWithoutExtension(fileName);

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
