using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests;

/// <summary>A stand-in with one staging cell and a client pointed at it with fixed credentials.</summary>
internal sealed class StandInHarness : IAsyncDisposable
{
    public const string Region = "eu-west-1";
    public static readonly AwsStaticCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public StandInHarness(int maxAttempts = 3)
    {
        StandIn = new AuroraStandIn(TestPorts.Next(), Region);
        Cluster = StandInTopology.AddCell(StandIn, "staging", "cell-a", 5432, "staging-cell-a-writer-cpu", "staging-cell-a-replica-lag");
        Client = new AwsSdkControlPlane(new AwsControlPlaneOptions
        {
            Region = Region,
            EndpointUrl = StandIn.Url,
            StaticCredentials = Credentials,
            MaxAttempts = maxAttempts,
        });
    }

    public AuroraStandIn StandIn { get; }

    public StandInCluster Cluster { get; }

    public AwsSdkControlPlane Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StandIn.DisposeAsync();
    }
}
