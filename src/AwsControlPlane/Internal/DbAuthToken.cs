using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>
/// An IAM database authentication token: a SigV4 pre-signed <c>connect</c> URL for the <c>rds-db</c>
/// service, valid 15 minutes, signed by the SDK's pre-signed URL signer with the credentials the
/// client's chain resolves (what AWSSDK.RDS's RDSAuthTokenGenerator does).
/// </summary>
internal static class DbAuthToken
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private static readonly AwsService RdsDb = new("rds-db", "rds-db", "", AwsProtocol.Query);

    public static async Task<string> CreateAsync(AwsControlPlaneOptions options, string host, int port, string user)
    {
        var config = new SdkServiceConfig(RdsDb, options);
        var credentials = await Resolve(options, config).GetCredentialsAsync().ConfigureAwait(false);
        var request = new DefaultRequest(new ServiceCall(RdsDb, "connect"), "rds-db")
        {
            UseQueryString = true,
            HttpMethod = "GET",
            Endpoint = new UriBuilder("https", host, port).Uri,
            ResourcePath = "/",
        };
        request.Parameters["X-Amz-Expires"] = ((int)Lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Parameters["DBUser"] = user;
        request.Parameters["Action"] = "connect";
        if (credentials.UseToken)
        {
            request.Parameters["X-Amz-Security-Token"] = credentials.Token;
        }

        var signed = AWS4PreSignedUrlSigner.SignRequest(request, config, new RequestMetrics(), credentials.AccessKey, credentials.SecretKey, "rds-db", options.Region);
        var url = SdkServiceClient.Url(request);
        return $"{url.Authority}{url.PathAndQuery}&{signed.ForQueryParameters}";
    }

    private static AWSCredentials Resolve(AwsControlPlaneOptions options, SdkServiceConfig config)
    {
        if (options.StaticCredentials is { } s)
        {
            return s.SessionToken is null ? new BasicAWSCredentials(s.AccessKeyId, s.SecretAccessKey) : new SessionAWSCredentials(s.AccessKeyId, s.SecretAccessKey, s.SessionToken);
        }

        return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(config);
    }
}
