using Resilience.ChaosSuite.Platform.Local;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform;

/// <summary>Creates the adapter of a stack's <c>resilience:platform</c>.</summary>
public static class PlatformFactory
{
    /// <summary>The adapter for <paramref name="spec"/>.</summary>
    /// <exception cref="PlatformException">The platform has no adapter yet, or the stack cannot be realized on it.</exception>
    public static IDatabasePlatform Create(StackSpec spec, LocalPlatformOptions? local = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Platform switch
        {
            Topology.Platform.Local => new LocalPlatform(spec, local),
            _ => throw new PlatformException(
                $"stack {spec.StackName} runs on platform {spec.Platform.ToString().ToLowerInvariant()}, which has no chaos adapter yet (only local); run it against a local stack"),
        };
    }
}
