using YamlDotNet.RepresentationModel;

namespace Resilience.Topology;

/// <summary>The stack's AWS region: the <c>aws:region</c> key of its stack file (the provider's key, not a <c>resilience:*</c> one).</summary>
public static class StackRegion
{
    /// <summary>The region named by the stack file at <paramref name="stackFilePath"/>.</summary>
    /// <exception cref="StackFileException">The file cannot be read or has no <c>aws:region</c>.</exception>
    public static string Read(string stackFilePath)
    {
        var yaml = new YamlStream();
        var file = Path.GetFileName(stackFilePath);
        try
        {
            using var reader = new StreamReader(stackFilePath);
            yaml.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new StackFileException(file, e.Message);
        }

        var root = yaml.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        var config = root?.Children.FirstOrDefault(c => c.Key.ToString() == "config").Value as YamlMappingNode;
        var region = config?.Children.FirstOrDefault(c => c.Key.ToString() == "aws:region").Value as YamlScalarNode;
        return region?.Value is { Length: > 0 } value
            ? value
            : throw new StackFileException(file, "has no aws:region; add it under config (e.g. aws:region: eu-central-1)");
    }
}
