using Amazon.Runtime;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>One operation call, already in wire terms: method, path, query or form parameters and JSON body.</summary>
internal sealed class ServiceCall : AmazonWebServiceRequest
{
    public ServiceCall(AwsService service, string operation)
    {
        Service = service;
        Operation = operation;
    }

    public AwsService Service { get; }

    public string Operation { get; }

    public string HttpMethod { get; init; } = "POST";

    /// <summary>The URI with <c>{name}</c> placeholders of the model's <c>requestUri</c>.</summary>
    public string ResourcePath { get; init; } = "/";

    public Dictionary<string, string> PathParameters { get; } = [];

    /// <summary>Form parameters of a query call, or the query string of a rest-json call.</summary>
    public SortedDictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>The JSON body of a rest-json call, or null.</summary>
    public byte[]? JsonBody { get; init; }

    /// <summary>A query-protocol call: POST / with Action and Version.</summary>
    public static ServiceCall Query(AwsService service, string action)
    {
        var call = new ServiceCall(service, action);
        call.Parameters["Action"] = action;
        call.Parameters["Version"] = service.ApiVersion;
        return call;
    }

    /// <summary>Adds a query-protocol list: <c>Prefix.member.1=a</c> or, with a member location name, <c>Prefix.Name.1=a</c>.</summary>
    public ServiceCall AddList(string prefix, IEnumerable<string> values, string memberName = "member")
    {
        var index = 1;
        foreach (var value in values)
        {
            Parameters[$"{prefix}.{memberName}.{index++}"] = value;
        }

        return this;
    }
}
