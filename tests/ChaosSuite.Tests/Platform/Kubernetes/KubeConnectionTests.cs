using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>The adapter's bad input before any API call: kubeconfig, context, Prometheus URL; one line each.</summary>
public sealed class KubeConnectionTests : IDisposable
{
    private static readonly StackSpec Spec = StackSpecLoader.LoadStack(Stacks.RepoRoot, "k8s-staging");
    private readonly string _dir = Directory.CreateTempSubdirectory("chaos-kubeconfig-").FullName;

    [Fact]
    public void AMissingKubeconfigFileIsOneLineNamingIt()
    {
        var path = Path.Combine(_dir, "absent");
        var e = Assert.Throws<PlatformException>(() => new KubernetesPlatform(Spec, Options(path)));
        OneLine.Mentions(e, $"kubeconfig {path} does not exist", "KUBECONFIG");
    }

    [Fact]
    public void AnUnknownContextIsOneLineListingTheKnownOnes()
    {
        var path = Kubeconfig("stand-in");
        var options = Options(path);
        options.Context = "prod-eu";
        var e = Assert.Throws<PlatformException>(() => new KubernetesPlatform(Spec, options));
        OneLine.Mentions(e, "has no context prod-eu", "CHAOS_KUBE_CONTEXT", "stand-in");
    }

    [Fact]
    public void AKubeconfigThatIsNotYamlIsOneLine()
    {
        var path = Path.Combine(_dir, "broken");
        File.WriteAllText(path, "clusters: [unclosed");
        OneLine.Mentions(Assert.Throws<PlatformException>(() => new KubernetesPlatform(Spec, Options(path))), $"kubeconfig {path} cannot be used");
    }

    [Fact]
    public void AKillTimeoutOutOfRangeIsOneLineNamingIt()
    {
        var options = Options(Kubeconfig("stand-in"));
        options.KillTimeout = TimeSpan.Zero;
        OneLine.Mentions(Assert.Throws<PlatformException>(() => new KubernetesPlatform(Spec, options)), "KillTimeout");
    }

    [Fact]
    public void AStackWithAlarmsNeedsAPrometheusUrl()
    {
        var options = Options(Kubeconfig("stand-in"));
        options.PrometheusUrl = null;
        OneLine.Mentions(Assert.Throws<PlatformException>(() => new KubernetesPlatform(Spec, options)), "CHAOS_PROMETHEUS_URL", "declares alarms");
    }

    [Fact]
    public async Task AGoodKubeconfigNamesItsContextAndServer()
    {
        await using var platform = new KubernetesPlatform(Spec, Options(Kubeconfig("stand-in")));
        Assert.Equal("context stand-in (http://127.0.0.1:1)", platform.ApiServer);
        Assert.Equal("kubernetes", platform.Kind);
        Assert.False(platform.Capabilities.CanInject(FaultKind.Freeze));
        Assert.Contains("Cluster pg-default", platform.Capabilities.Describe(FaultKind.MachineLoss), StringComparison.Ordinal);

    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KubernetesPlatformOptions Options(string kubeconfig) => new()
    {
        KubeconfigPath = kubeconfig,
        Context = null,
        Namespace = null,
        PrometheusUrl = new Uri("http://127.0.0.1:2/"),
    };

    private string Kubeconfig(string context)
    {
        var path = Path.Combine(_dir, $"config-{context}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {context}
              cluster:
                server: http://127.0.0.1:1
            users:
            - name: runner
              user:
                token: t
            contexts:
            - name: {context}
              context:
                cluster: {context}
                user: runner
                namespace: databases
            current-context: {context}
            """);
        return path;
    }
}
