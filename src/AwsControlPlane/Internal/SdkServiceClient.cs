using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>
/// An SDK service client for one service: AWSSDK.Core's pipeline (credential resolution, endpoint,
/// SigV4 signing, standard retries with throttling backoff, error reading) with our marshaller and
/// readers in place of the generated ones.
/// </summary>
internal sealed class SdkServiceClient : AmazonServiceClient
{
    private readonly AwsService _service;

    private SdkServiceClient(AwsService service, SdkServiceConfig config)
        : base(config)
    {
        _service = service;
    }

    private SdkServiceClient(AwsService service, AWSCredentials credentials, SdkServiceConfig config)
        : base(credentials, config)
    {
        _service = service;
    }

    public static SdkServiceClient Create(AwsService service, AwsControlPlaneOptions options)
    {
        var config = new SdkServiceConfig(service, options);
        return options.StaticCredentials is { } fixedCredentials
            ? new SdkServiceClient(service, Credentials(fixedCredentials), config)
            : new SdkServiceClient(service, config);
    }

    /// <summary>Sends <paramref name="call"/> and returns the response body.</summary>
    public async Task<string> SendAsync(ServiceCall call, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = ServiceCallMarshaller.Instance,
            ResponseUnmarshaller = _service.Protocol == AwsProtocol.Query ? RawXmlUnmarshaller.Instance : RawJsonUnmarshaller.Instance,
        };
        var response = await InvokeAsync<RawResponse>(call, options, cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>The URL the SDK would send <paramref name="request"/> to, query included.</summary>
    public static Uri Url(IRequest request) => ComposeUrl(request);

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.AddHandlerAfter<EndpointResolver>(new SigV4AuthSchemeHandler());
    }

    private static AWSCredentials Credentials(AwsStaticCredentials credentials) =>
        credentials.SessionToken is null
            ? new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey)
            : new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
}
