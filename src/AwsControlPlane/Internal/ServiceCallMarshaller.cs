using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>Turns a <see cref="ServiceCall"/> into the SDK's request, which its pipeline then signs, sends and retries.</summary>
internal sealed class ServiceCallMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly ServiceCallMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (ServiceCall)input;
        var request = new DefaultRequest(call, call.Service.SigningName) { HttpMethod = call.HttpMethod };
        foreach (var (name, value) in call.Parameters)
        {
            request.Parameters[name] = value;
        }

        foreach (var (name, value) in call.PathParameters)
        {
            request.AddPathResource("{" + name + "}", value);
        }

        request.ResourcePath = call.ResourcePath;
        if (call.Service.Protocol == AwsProtocol.RestJson)
        {
            // Parameters go in the query string; the body, if any, is JSON.
            request.UseQueryString = true;
            if (call.JsonBody is not null)
            {
                request.Content = call.JsonBody;
                request.Headers["Content-Type"] = "application/json";
            }
        }

        return request;
    }
}
