using System.ComponentModel.DataAnnotations;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>How the Kubernetes adapter reaches the API server, Prometheus and the database.</summary>
internal sealed class KubernetesPlatformOptions
{
    /// <summary>Gets or sets the kubeconfig file; null uses <c>~/.kube/config</c>, else the pod's service account (in-cluster).</summary>
    /// <value>Defaults to the first path of the <c>KUBECONFIG</c> environment variable, else null.</value>
    public string? KubeconfigPath { get; set; } = Environment.GetEnvironmentVariable(KubernetesPlatformConstants.KubeconfigVariable) is { Length: > 0 } paths
        ? paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0]
        : null;

    /// <summary>Gets or sets the kubeconfig context; null uses the file's current-context.</summary>
    /// <value>Defaults to the <c>CHAOS_KUBE_CONTEXT</c> environment variable, else null.</value>
    public string? Context { get; set; } = Environment.GetEnvironmentVariable(KubernetesPlatformConstants.ContextVariable) is { Length: > 0 } context ? context : null;

    /// <summary>Gets or sets the namespace of the stack's Clusters; null uses the stack file's <c>resilience:kubernetes.namespace</c>.</summary>
    /// <value>Defaults to the <c>CHAOS_KUBE_NAMESPACE</c> environment variable, else null.</value>
    public string? Namespace { get; set; } = Environment.GetEnvironmentVariable(KubernetesPlatformConstants.NamespaceVariable) is { Length: > 0 } ns ? ns : null;

    /// <summary>Gets or sets the Prometheus that evaluates the stack's PrometheusRule (its HTTP API's base URL); required when the stack declares alarms.</summary>
    /// <value>Defaults to the <c>CHAOS_PROMETHEUS_URL</c> environment variable, else null.</value>
    public Uri? PrometheusUrl { get; set; } = Environment.GetEnvironmentVariable(KubernetesPlatformConstants.PrometheusVariable) is { Length: > 0 } url
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Gets or sets how long a deleted pod's server may keep answering (the kubelet kills it asynchronously) before the injection fails.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KillTimeout { get; set; } = KubernetesPlatformConstants.KillTimeout;

    /// <summary>Gets or sets how long a switchover (CloudNativePG's promote) may take to complete before the injection fails.</summary>
    /// <value>Defaults to 120 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan SwitchoverTimeout { get; set; } = KubernetesPlatformConstants.SwitchoverTimeout;

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
