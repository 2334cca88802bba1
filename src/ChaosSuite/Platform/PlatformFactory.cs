using Resilience.ChaosSuite.Platform.Aws;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// The one place that chooses the adapter of a stack's <c>resilience:platform</c>. An adapter lives in its
/// own folder (<c>Platform/Local</c>) or assembly and implements <see cref="IDatabasePlatform"/>; adding
/// one is a line here (README "Platforms: adding an adapter").
/// </summary>
internal static class PlatformFactory
{
    /// <summary>The adapter for <paramref name="spec"/>.</summary>
    /// <exception cref="PlatformException">The platform has no adapter yet, or the stack cannot be realized on it.</exception>
    public static IDatabasePlatform Create(StackSpec spec, PlatformSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        return spec.Platform switch
        {
            Topology.Platform.Local => new LocalPlatform(spec, new LocalPlatformOptions
            {
                StackFilePath = StackSpecLoader.StackFilePath(settings.StacksDir, spec.StackName),
                TimeProvider = settings.TimeProvider,
            }),

            Topology.Platform.Aws => new AwsPlatform(spec, StackSpecLoader.StackFilePath(settings.StacksDir, spec.StackName), new AwsPlatformOptions
            {
                StackOutputsPath = settings.StackOutputsPath,
                TimeProvider = settings.TimeProvider,
            }),
            Topology.Platform.Kubernetes => new KubernetesPlatform(spec, new KubernetesPlatformOptions { TimeProvider = settings.TimeProvider }),
            _ => throw new PlatformException(
                $"stack {spec.StackName} runs on platform {spec.Platform.ToString().ToLowerInvariant()}, which has no chaos adapter yet (only local, aws and kubernetes); run it against one of those"),
        };
    }
}
