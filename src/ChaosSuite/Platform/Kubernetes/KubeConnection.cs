using k8s;
using k8s.Exceptions;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// Builds the API client from the standard sources, in kubectl's order: a kubeconfig file (the
/// <c>KUBECONFIG</c> path, else <c>~/.kube/config</c>) with its current or a chosen context, else the pod's
/// service account when the runner runs in the cluster (the game-day CronJob). Every failure is one line.
/// </summary>
internal static class KubeConnection
{
    /// <summary>The client configuration and a description of where it points (for messages).</summary>
    public static (KubernetesClientConfiguration Config, string Where) Load(KubernetesPlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.KubeconfigPath ?? DefaultKubeconfig();
        if (options.KubeconfigPath is not null && !File.Exists(path))
        {
            throw new PlatformException($"kubeconfig {path} does not exist ({KubernetesPlatformConstants.KubeconfigVariable}); point {KubernetesPlatformConstants.KubeconfigVariable} at the cluster's kubeconfig");
        }

        if (File.Exists(path))
        {
            return FromFile(path, options.Context);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            if (options.Context is not null)
            {
                throw new PlatformException($"{KubernetesPlatformConstants.ContextVariable}={options.Context} names a kubeconfig context, but there is no kubeconfig (running in-cluster with the pod's service account); unset it");
            }

            try
            {
                var config = KubernetesClientConfiguration.InClusterConfig();
                return (config, $"in-cluster service account ({config.Host})");
            }
            catch (KubeConfigException e)
            {
                throw new PlatformException($"the pod's service account credentials cannot be read: {OneLine(e.Message)}", e);
            }
        }

        throw new PlatformException($"no kubeconfig: {KubernetesPlatformConstants.KubeconfigVariable} is unset, {path} does not exist, and this is not a pod with a service account; set {KubernetesPlatformConstants.KubeconfigVariable} to the cluster's kubeconfig (or run the game-day CronJob in the cluster)");
    }

    private static (KubernetesClientConfiguration, string) FromFile(string path, string? context)
    {
        try
        {
            var file = KubernetesClientConfiguration.LoadKubeConfig(path);
            var chosen = context ?? file.CurrentContext;
            if (chosen is null)
            {
                throw new PlatformException($"kubeconfig {path} has no current-context; set {KubernetesPlatformConstants.ContextVariable} to one of: {Contexts(file)}");
            }

            if (file.Contexts?.Any(c => c.Name == chosen) != true)
            {
                throw new PlatformException($"kubeconfig {path} has no context {chosen}; set {KubernetesPlatformConstants.ContextVariable} to one of: {Contexts(file)}");
            }

            var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(file, chosen);
            return (config, $"context {chosen} ({config.Host})");
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or UriFormatException)
        {
            throw new PlatformException($"kubeconfig {path} cannot be used: {OneLine(e.Message)}", e);
        }
    }

    private static string Contexts(k8s.KubeConfigModels.K8SConfiguration file) =>
        file.Contexts?.Any() == true ? string.Join(", ", file.Contexts.Select(c => c.Name)) : "(none)";

    private static string DefaultKubeconfig() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
