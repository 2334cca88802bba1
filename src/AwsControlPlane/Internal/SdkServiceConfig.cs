using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>
/// The SDK client configuration of one service. The generated clients carry one each; this one is built
/// from <see cref="AwsService"/> so the three services share the runtime (credentials, signer, retries).
/// </summary>
internal sealed class SdkServiceConfig : ClientConfig
{
    // The SDK's "standard" defaults mode (sdk-default-configuration.json): standard retries, 3.1 s connect.
    private static readonly DefaultConfiguration Standard = new()
    {
        Name = DefaultConfigurationMode.Standard,
        RetryMode = RequestRetryMode.Standard,
        ConnectTimeout = TimeSpan.FromMilliseconds(3100),
        TlsNegotiationTimeout = TimeSpan.FromMilliseconds(3100),
    };

    private readonly AwsService _service;

    public SdkServiceConfig(AwsService service, AwsControlPlaneOptions options)
        : base(new DefaultConfigurationProvider([Standard]))
    {
        _service = service;
        DefaultConfigurationMode = DefaultConfigurationMode.Standard;
        RetryMode = RequestRetryMode.Standard;
        MaxErrorRetry = options.MaxAttempts - 1;
        Timeout = options.RequestTimeout;
        AuthenticationServiceName = service.SigningName;
        AuthenticationRegion = options.Region;
        if (options.EndpointUrl is null)
        {
            RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            // Setting RegionEndpoint clears ServiceURL, so only one of them is set.
            ServiceURL = options.EndpointUrl.ToString();
        }

        if (options.Profile is not null)
        {
            Profile = new Amazon.Profile(options.Profile);
        }
    }

    public override string RegionEndpointServiceName => _service.EndpointPrefix;

    public override string ServiceVersion => _service.ApiVersion;

    public override string UserAgent => "resilience-chaos";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        new(ServiceURL ?? RegionalUrl());

    // The AWS partition's regional host; the China partition uses its own DNS suffix.
    private string RegionalUrl()
    {
        var region = RegionEndpoint.SystemName;
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return $"https://{_service.EndpointPrefix}.{region}.{suffix}";
    }
}
