using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.KubernetesStandIn;
using Resilience.Topology;
using StandIn = Resilience.KubernetesStandIn.KubernetesStandIn;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>The repository's k8s-staging stack against a loopback API server stand-in holding what `pulumi up` and the operator would have created.</summary>
internal sealed class KubernetesStandInStack : IAsyncDisposable
{
    private static int s_nextPort = 31300;
    private readonly string _dir = Directory.CreateTempSubdirectory("chaos-k8s-").FullName;

    public KubernetesStandInStack()
    {
        Spec = StackSpecLoader.LoadStack(Stacks.RepoRoot, "k8s-staging");
        StandIn = new StandIn(NextPort());
        Cluster = StandInCell.Add(StandIn, Spec.Cells[0].Name, Spec.Endpoints.ReadName);
        Kubeconfig = StandIn.WriteKubeconfig(_dir);
    }

    public StackSpec Spec { get; }

    public StandIn StandIn { get; }

    public StandInCluster Cluster { get; }

    public string Kubeconfig { get; }

    public KubernetesPlatformOptions Options() => new()
    {
        KubeconfigPath = Kubeconfig,
        Context = null,
        Namespace = null,
        PrometheusUrl = StandIn.Url,
    };

    public KubernetesPlatform Platform(KubernetesPlatformOptions? options = null) => new(Spec, options ?? Options());

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    // 31300-31339: this suite's stand-ins (the end-to-end test's local cluster uses 31350-31399).
    private static int NextPort() => 31300 + ((Interlocked.Increment(ref s_nextPort) - 31300) % 40);
}
