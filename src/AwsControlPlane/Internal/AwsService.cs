namespace Resilience.AwsControlPlane.Internal;

/// <summary>What the SDK's runtime needs to know about one service: its endpoint prefix, signing name, API version and protocol (from the botocore model's metadata).</summary>
internal sealed record AwsService(string EndpointPrefix, string SigningName, string ApiVersion, AwsProtocol Protocol)
{
    public static readonly AwsService Rds = new("rds", "rds", "2014-10-31", AwsProtocol.Query);

    public static readonly AwsService CloudWatch = new("monitoring", "monitoring", "2010-08-01", AwsProtocol.Query);

    public static readonly AwsService Fis = new("fis", "fis", "2020-12-01", AwsProtocol.RestJson);
}

/// <summary>The wire protocols of the three services.</summary>
internal enum AwsProtocol
{
    /// <summary>Form-encoded POST with Action and Version, XML responses (RDS, CloudWatch).</summary>
    Query,

    /// <summary>HTTP method and URI per operation, JSON bodies (FIS).</summary>
    RestJson,
}
