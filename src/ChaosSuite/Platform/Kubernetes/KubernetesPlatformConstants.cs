namespace Resilience.ChaosSuite.Platform.Kubernetes;

internal static class KubernetesPlatformConstants
{
    public const string Kind = "kubernetes";

    /// <summary>
    /// Through a Service, the server's own address is the pod's IP (kube-proxy forwards to it) and its port
    /// the container's: together they name the instance that answered, matched against the pod's status.podIP.
    /// </summary>
    public const string ServerIdentitySql = "host(inet_server_addr()) || ':' || inet_server_port()";

    /// <summary>The restore drill's fault (KubernetesPlatform.Restores.cs): a bad statement, repaired from a recovery Cluster.</summary>
    private const string DataCorruption =
        "a bad statement through the -rw Service; repaired from a temporary Cluster bootstrapped by recovery from the object store at the moment before it, deleted afterwards";

    /// <summary>
    /// What the adapter does on CloudNativePG. A replica's machine loss deletes its pod and its volume claims at
    /// once, so the operator must create a new instance; the primary's deletes its pod with no grace (the
    /// operator fails over and recreates the pod on its volume as a replica). Freeze is not offered: stopping
    /// every process of an instance while its pod keeps its network needs node access the runner does not have,
    /// and the kubelet would restart a stopped container (primary-hang is refused). The API server is read once a
    /// second at most; a new instance (a base backup of the primary, then warm-up) takes minutes.
    /// </summary>
    public static readonly PlatformCapabilities Capabilities = new(
        new Dictionary<FaultKind, string>
        {
            [FaultKind.MachineLoss] = "a replica's pod and its PersistentVolumeClaims deleted at once (machine and storage lost: CloudNativePG creates a new instance); the primary's pod deleted with grace period 0 (CloudNativePG fails over and recreates the pod on its volume as a replica)",
            [FaultKind.Switchover] = SwitchoverLine,
            [FaultKind.OverloadTarget] = "CPU-heavy queries from the runner through the -rw Service; alarms are the PrometheusRule's alerts read from Prometheus (/api/v1/alerts)",
            [FaultKind.DataCorruption] = DataCorruption,
        },
        ControlPlaneInterval: TimeSpan.FromSeconds(1),
        SettleBudget: TimeSpan.FromMinutes(20));

    /// <summary>The same capabilities, each line naming the objects of <paramref name="names"/>.</summary>
    public static PlatformCapabilities CapabilitiesOf(CnpgNames names, Uri? prometheus) => Capabilities with
    {
        Faults = new Dictionary<FaultKind, string>
        {
            [FaultKind.MachineLoss] = $"in namespace {names.Namespace}: a replica's pod of Cluster {names.Cluster} and its PersistentVolumeClaims deleted at once (machine and storage lost: CloudNativePG creates a new instance); the primary's pod deleted with grace period 0 (CloudNativePG fails over and recreates the pod on its volume as a replica)",
            [FaultKind.Switchover] = $"on Cluster {names.Cluster}: {SwitchoverLine}",
            [FaultKind.OverloadTarget] = $"CPU-heavy queries from the runner through Service {names.WriteService}; alarms are the alerts of Cluster {names.Cluster} read from Prometheus at {prometheus?.ToString() ?? "(no URL)"} (/api/v1/alerts)",
            [FaultKind.DataCorruption] = DataCorruption,
        },
    };

    /// <summary>What a switchover does here, for plans and reports.</summary>
    private const string SwitchoverLine = "CloudNativePG's promote (kubectl cnpg promote: status.targetPrimary patched through the status subresource) to the named ready, warm replica, or, when the primary is named, to the first one by serial; complete when status.currentPrimary names it and the -rw Service answers from it";

    /// <summary>A clean switchover waits at most the lease's retry period (2 s) plus the old primary's clean shutdown and the promotion.</summary>
    public static readonly TimeSpan SwitchoverTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How often the routing read is repeated while a switchover completes (the Cluster is read at the declared interval).</summary>
    public static readonly TimeSpan SwitchoverPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>A routing read (one SQL query through a Service) that takes longer is treated as unanswered.</summary>
    public static readonly TimeSpan RoutingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long one API server or Prometheus request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The application's Secret is read again this often (CloudNativePG may rotate the password).</summary>
    public static readonly TimeSpan PasswordRefresh = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan PasswordRetry = TimeSpan.FromSeconds(5);

    /// <summary>How long the kubelet may take to kill a pod deleted with no grace before the injection is failed.</summary>
    public static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan GonePoll = TimeSpan.FromMilliseconds(50);

    public const string KubeconfigVariable = "KUBECONFIG";

    public const string ContextVariable = "CHAOS_KUBE_CONTEXT";

    public const string NamespaceVariable = "CHAOS_KUBE_NAMESPACE";

    public const string PrometheusVariable = "CHAOS_PROMETHEUS_URL";
}
