using System.Text.Json;

namespace Resilience.AwsControlPlane.Tests.Oracle;

/// <summary>The IAM database auth token: its shape, and botocore's SigV4QueryAuth accepts its signature.</summary>
public sealed class DbAuthTokenTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("FwoGZXIvYXdzEBYaDEXAMPLESESSIONTOKEN")]
    public async Task ATokenIsAPresignedConnectUrlThatBotocoreAccepts(string? sessionToken)
    {
        using var client = new AwsSdkControlPlane(new AwsControlPlaneOptions
        {
            Region = "eu-central-1",
            StaticCredentials = StandInHarness.Credentials with { SessionToken = sessionToken },
        });
        var token = await client.CreateDbAuthTokenAsync("staging-eu-1.cluster-abc.eu-central-1.rds.amazonaws.com", 5432, "app", CancellationToken.None);

        Assert.StartsWith("staging-eu-1.cluster-abc.eu-central-1.rds.amazonaws.com:5432/?", token, StringComparison.Ordinal);
        Assert.Contains("Action=connect", token, StringComparison.Ordinal);
        Assert.Contains("DBUser=app", token, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Expires=900", token, StringComparison.Ordinal);
        Assert.Equal(sessionToken is not null, token.Contains("X-Amz-Security-Token=", StringComparison.Ordinal));
        Assert.DoesNotContain(StandInHarness.Credentials.SecretAccessKey, token, StringComparison.Ordinal);

        var script = Path.Combine(AppContext.BaseDirectory, "Oracle", "presigned_check.py");
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(SigV4Oracle.Python, [script, token, StandInHarness.Credentials.SecretAccessKey], new Dictionary<string, string?>());
        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("rds-db", result.RootElement.GetProperty("service").GetString());
        Assert.Equal("eu-central-1", result.RootElement.GetProperty("region").GetString());
        Assert.True(result.RootElement.GetProperty("valid").GetBoolean(), result.RootElement.GetProperty("canonical").GetString());
    }
}
