using YamlDotNet.RepresentationModel;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>The stack's AWS region: the <c>aws:region</c> key of its stack file (the provider's, not a <c>resilience:*</c> key).</summary>
internal static class StackRegion
{
    public static string Read(string stackFilePath)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(stackFilePath);
            yaml.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new PlatformException($"{Path.GetFileName(stackFilePath)}: {e.Message.ReplaceLineEndings(" ")}");
        }

        var root = yaml.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        var config = root?.Children.FirstOrDefault(c => c.Key.ToString() == "config").Value as YamlMappingNode;
        var region = config?.Children.FirstOrDefault(c => c.Key.ToString() == "aws:region").Value as YamlScalarNode;
        return region?.Value is { Length: > 0 } value
            ? value
            : throw new PlatformException($"{Path.GetFileName(stackFilePath)} has no aws:region; add it under config (e.g. aws:region: eu-central-1)");
    }
}
