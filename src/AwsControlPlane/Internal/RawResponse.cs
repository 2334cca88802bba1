using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>A response body kept as text; the readers in this folder parse the members they need.</summary>
internal sealed class RawResponse : AmazonWebServiceResponse
{
    public string Body { get; init; } = "";
}

/// <summary>Reads a query-protocol (XML) response; errors through the SDK's XML error reader.</summary>
internal sealed class RawXmlUnmarshaller : XmlResponseUnmarshaller
{
    public static readonly RawXmlUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
    {
        using var reader = new StreamReader(context.Stream);
        return new RawResponse { Body = reader.ReadToEnd() };
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var error = XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(context);
        return new AmazonServiceException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}

/// <summary>Reads a rest-json response; an error's code comes from <c>x-amzn-ErrorType</c> or the body's <c>__type</c>/<c>code</c>.</summary>
internal sealed class RawJsonUnmarshaller : JsonResponseUnmarshaller
{
    public static readonly RawJsonUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        using var reader = new StreamReader(context.Stream);
        return new RawResponse { Body = reader.ReadToEnd() };
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        string body;
        using (var reader = new StreamReader(context.Stream))
        {
            body = reader.ReadToEnd();
        }

        var code = context.ResponseData?.GetHeaderValue("x-amzn-ErrorType");
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
            code = string.IsNullOrEmpty(code) ? Text(json.RootElement, "__type") ?? Text(json.RootElement, "code") : code;
            message = Text(json.RootElement, "message") ?? Text(json.RootElement, "Message");
        }
        catch (JsonException)
        {
            message = body;
        }

        code = ShortCode(code);
        var type = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(message ?? code ?? statusCode.ToString(), innerException, type, code, context.ResponseData?.GetHeaderValue("x-amzn-RequestId"), statusCode);
    }

    // "aws.fis#ResourceNotFoundException:http://..." -> "ResourceNotFoundException".
    internal static string? ShortCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        code = colon >= 0 ? code[..colon] : code;
        var hash = code.LastIndexOf('#');
        return hash >= 0 ? code[(hash + 1)..] : code;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
