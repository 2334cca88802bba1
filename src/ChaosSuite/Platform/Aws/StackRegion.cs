using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>The stack's AWS region, read by Topology's <see cref="Topology.StackRegion"/> (the one reader), as a platform error.</summary>
internal static class StackRegion
{
    public static string Read(string stackFilePath)
    {
        try
        {
            return Topology.StackRegion.Read(stackFilePath);
        }
        catch (StackFileException e)
        {
            throw new PlatformException(e.Message);
        }
    }
}
