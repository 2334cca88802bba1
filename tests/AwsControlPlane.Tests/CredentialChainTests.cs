namespace Resilience.AwsControlPlane.Tests;

/// <summary>The SDK's default credential chain, driven through the environment (so these tests do not run in parallel with others).</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CredentialChainTests
{
    private static readonly string[] Variables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ];

    [Fact]
    public async Task KeysFromTheEnvironmentSignTheRequests()
    {
        using var environment = new IsolatedEnvironment(Variables);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret-from-environment");
        await using var h = new StandInHarness();
        using var client = new AwsSdkControlPlane(new AwsControlPlaneOptions { Region = StandInHarness.Region, EndpointUrl = h.StandIn.Url });
        await client.DescribeDbClustersAsync(null, CancellationToken.None);
        var authorization = Assert.Single(h.StandIn.Requests).Headers["authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMENVIRONMENT/", authorization, StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/rds/aws4_request", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCredentialsAnywhereIsOneLineSayingWhereToPutThem()
    {
        using var environment = new IsolatedEnvironment(Variables);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/config");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        await using var h = new StandInHarness();
        using var client = new AwsSdkControlPlane(new AwsControlPlaneOptions { Region = StandInHarness.Region, EndpointUrl = h.StandIn.Url });
        var e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => client.DescribeDbClustersAsync(null, CancellationToken.None));
        Assert.Equal(AwsFailure.NoCredentials, e.Failure);
        FailureTests.AssertOneLine(e, "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE");
        Assert.Empty(h.StandIn.Requests);
    }

    /// <summary>Clears the variables and puts them back afterwards.</summary>
    private sealed class IsolatedEnvironment : IDisposable
    {
        private readonly Dictionary<string, string?> _saved;

        public IsolatedEnvironment(string[] names)
        {
            _saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}

/// <summary>Tests that change the process environment run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
