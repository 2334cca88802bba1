using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests;

/// <summary>What a user sees when AWS refuses: one line, and a kind the chaos suite maps to an exit code.</summary>
public sealed class FailureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ThrottlingIsRetriedWithBackoffByTheSdkAndSucceedsWithinTheAttempts()
    {
        await using var h = new StandInHarness(maxAttempts: 3);
        h.StandIn.InjectError(new InjectedError("DescribeDBClusters", 2, 400, "Throttling", "Rate exceeded"));
        var clusters = await h.Client.DescribeDbClustersAsync(h.Cluster.Id, None);
        Assert.Single(clusters);
        var attempts = h.StandIn.Requests.Where(r => r.Operation == "DescribeDBClusters").Select(r => r.Headers.GetValueOrDefault("amz-sdk-request")).ToList();
        Assert.Equal(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"], attempts);
    }

    [Fact]
    public async Task ThrottlingBeyondTheAttemptsIsOneLineOfKindThrottled()
    {
        await using var h = new StandInHarness(maxAttempts: 2);
        h.StandIn.InjectError(new InjectedError("DescribeDBInstances", 5, 400, "Throttling", "Rate exceeded"));
        var e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => h.Client.DescribeDbInstancesAsync(h.Cluster.Id, None));
        Assert.Equal(AwsFailure.Throttled, e.Failure);
        Assert.Equal(2, h.StandIn.Requests.Count(r => r.Operation == "DescribeDBInstances"));
        AssertOneLine(e, "DescribeDBInstances in eu-west-1", "Throttling");
    }

    [Fact]
    public async Task AnExpiredTokenSaysHowToRefreshIt()
    {
        await using var h = new StandInHarness();
        h.StandIn.InjectError(new InjectedError("DescribeAlarms", 1, 403, "ExpiredToken", "The security token included in the request is expired"));
        var e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => h.Client.DescribeAlarmsAsync(["a"], None));
        Assert.Equal(AwsFailure.ExpiredCredentials, e.Failure);
        AssertOneLine(e, "aws sso login");

        h.StandIn.InjectError(new InjectedError("GetExperiment", 1, 403, "ExpiredTokenException", "The security token included in the request is expired"));
        e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => h.Client.GetExperimentAsync("EXP1", None));
        Assert.Equal(AwsFailure.ExpiredCredentials, e.Failure);
    }

    [Fact]
    public async Task AMissingClusterOrTemplateIsNotFound()
    {
        await using var h = new StandInHarness();
        var e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => h.Client.DescribeDbClustersAsync("staging-cell-z", None));
        Assert.Equal(AwsFailure.NotFound, e.Failure);
        Assert.Equal("DBClusterNotFoundFault", e.ErrorCode);
        AssertOneLine(e, "aws:region");

        e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => h.Client.GetExperimentTemplateAsync("EXTnope", None));
        Assert.Equal(AwsFailure.NotFound, e.Failure);
        Assert.Equal("ResourceNotFoundException", e.ErrorCode);
    }

    [Fact]
    public async Task AnExperimentThatCannotStartIsAConflict()
    {
        await using var h = new StandInHarness();
        var template = h.StandIn.Templates[0].Id;
        await h.Client.StartExperimentAsync(template, "t1", new Dictionary<string, string>(), None);
        var e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => h.Client.StartExperimentAsync(template, "t2", new Dictionary<string, string>(), None));
        Assert.Equal(AwsFailure.Conflict, e.Failure);
        AssertOneLine(e, "ConflictException");
    }

    [Fact]
    public async Task AnEndpointThatDoesNotAnswerIsUnreachable()
    {
        using var client = new AwsSdkControlPlane(new AwsControlPlaneOptions
        {
            Region = StandInHarness.Region,
            EndpointUrl = new Uri($"http://127.0.0.1:{TestPorts.Next()}/"),
            StaticCredentials = StandInHarness.Credentials,
            MaxAttempts = 1,
        });
        var e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => client.DescribeDbClustersAsync(null, None));
        Assert.Equal(AwsFailure.Unreachable, e.Failure);
        AssertOneLine(e, "could not be reached");
    }

    [Theory]
    [InlineData("")]
    [InlineData("eu-west")]
    [InlineData("Frankfurt")]
    public void ARegionThatIsNotOneIsRefusedBeforeAnyCall(string region)
    {
        var e = Assert.Throws<AwsControlPlaneException>(() => new AwsSdkControlPlane(new AwsControlPlaneOptions { Region = region }));
        Assert.Equal(AwsFailure.Invalid, e.Failure);
        AssertOneLine(e, "aws:region");
    }

    [Fact]
    public void ARegionNewerThanTheSdkIsAccepted() =>
        new AwsSdkControlPlane(new AwsControlPlaneOptions { Region = "eu-south-7", StaticCredentials = StandInHarness.Credentials }).Dispose();

    internal static void AssertOneLine(Exception e, params string[] mentions)
    {
        Assert.DoesNotContain('\n', e.Message);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, e.Message, StringComparison.Ordinal);
        }
    }
}
