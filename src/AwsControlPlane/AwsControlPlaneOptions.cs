namespace Resilience.AwsControlPlane;

/// <summary>Where and how <see cref="AwsSdkControlPlane"/> calls AWS.</summary>
public sealed class AwsControlPlaneOptions
{
    /// <summary>Gets or sets the AWS region every call goes to (the stack spec's <c>aws:region</c>).</summary>
    /// <value>No default: required.</value>
    public string Region { get; set; } = "";

    /// <summary>
    /// Gets or sets a base URL that replaces every service's AWS endpoint (a loopback stand-in in tests,
    /// a VPC interface endpoint's private DNS name is not needed: the SDK resolves those itself).
    /// </summary>
    /// <value>Defaults to null: the services' regional endpoints.</value>
    public Uri? EndpointUrl { get; set; }

    /// <summary>Gets or sets the named profile to use instead of the default credential chain.</summary>
    /// <value>Defaults to null: the SDK's default chain (environment, AWS_PROFILE or default profile with SSO, web identity, container and instance roles).</value>
    public string? Profile { get; set; }

    /// <summary>Gets or sets fixed credentials (tests); null uses <see cref="Profile"/> or the default chain.</summary>
    /// <value>Defaults to null.</value>
    public AwsStaticCredentials? StaticCredentials { get; set; }

    /// <summary>Gets or sets how many attempts the SDK's standard retry mode makes, throttling included.</summary>
    /// <value>Defaults to 3 (the SDK's standard mode).</value>
    public int MaxAttempts { get; set; } = AwsControlPlaneConstants.MaxAttempts;

    /// <summary>Gets or sets the timeout of one HTTP attempt.</summary>
    /// <value>Defaults to 20 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = AwsControlPlaneConstants.RequestTimeout;
}

/// <summary>An access key pair, with a session token for temporary credentials. Never printed.</summary>
public sealed record AwsStaticCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <inheritdoc />
    public override string ToString() => $"access key {AccessKeyId}";
}
