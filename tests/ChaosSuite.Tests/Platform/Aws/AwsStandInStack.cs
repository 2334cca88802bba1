using Resilience.AwsControlPlane;
using Resilience.AwsStandIn;
using Resilience.ChaosSuite.Platform.Aws;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>The repository's staging stack (Pulumi.staging.yaml) against a loopback AWS stand-in holding what `pulumi up` would have created.</summary>
internal sealed class AwsStandInStack : IAsyncDisposable
{
    public const string Region = "eu-central-1";
    private static int s_nextPort = 30100;

    /// <summary>A stand-in on <paramref name="port"/>, else the next of this suite's ports.</summary>
    public AwsStandInStack(int? port = null)
    {
        Spec = StackSpecLoader.LoadStack(Stacks.RepoRoot, "staging");
        StandIn = new AuroraStandIn(port ?? NextPort(), Region);
        Cluster = StandInTopology.AddCell(StandIn, "staging", "eu-1", 5432, [.. Spec.Alarms.Select(a => $"staging-eu-1-{a.Name}")]);
    }

    public StackSpec Spec { get; }

    public AuroraStandIn StandIn { get; }

    public StandInCluster Cluster { get; }

    public string StackFile => StackSpecLoader.StackFilePath(Stacks.RepoRoot, "staging");

    public AwsPlatformOptions Options(string? stackOutputs = null) => OptionsFor(StandIn, stackOutputs);

    /// <summary>Options that send every AWS call to <paramref name="standIn"/> with fixed credentials and few retries.</summary>
    public static AwsPlatformOptions OptionsFor(AuroraStandIn standIn, string? stackOutputs = null) => new()
    {
        EndpointUrl = standIn.Url,
        StaticCredentials = new AwsStaticCredentials("AKIDEXAMPLE", "secret"),
        DatabasePassword = "not-used-without-postgres",
        StackOutputsPath = stackOutputs,
        ExperimentStartTimeout = TimeSpan.FromSeconds(10),
        ControlPlaneFactory = o => new AwsSdkControlPlane(new AwsControlPlaneOptions
        {
            Region = o.Region,
            EndpointUrl = o.EndpointUrl,
            StaticCredentials = o.StaticCredentials,
            MaxAttempts = 2,
        }),
    };

    public AwsPlatform Platform(string? stackOutputs = null) => new(Spec, StackFile, Options(stackOutputs));

    public ValueTask DisposeAsync() => StandIn.DisposeAsync();

    // 30100-30149: this suite's stand-ins (AwsControlPlane.Tests has 30000-30099; the end-to-end test has 30150-30199).
    private static int NextPort() => 30100 + ((Interlocked.Increment(ref s_nextPort) - 30100) % 50);
}
