using Resilience.AwsControlPlane;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>How the AWS adapter reaches AWS and the database.</summary>
internal sealed class AwsPlatformOptions
{
    /// <summary>Gets or sets the file <c>pulumi stack output --json</c> was saved to; null to find the resources from AWS by name and tags.</summary>
    /// <value>Defaults to null.</value>
    public string? StackOutputsPath { get; set; }

    /// <summary>Gets or sets a base URL for every AWS call instead of the regional endpoints (a loopback stand-in).</summary>
    /// <value>Defaults to the <c>AWS_ENDPOINT_URL</c> environment variable, else null.</value>
    public Uri? EndpointUrl { get; set; } = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is { Length: > 0 } url ? new Uri(url) : null;

    /// <summary>Gets or sets fixed AWS credentials (tests); null uses the SDK's default chain.</summary>
    /// <value>Defaults to null.</value>
    public AwsStaticCredentials? StaticCredentials { get; set; }

    /// <summary>Gets or sets a fixed database password instead of IAM database auth tokens (tests, or a cluster without IAM auth).</summary>
    /// <value>Defaults to the <c>CHAOS_DB_PASSWORD</c> environment variable, else null (IAM tokens).</value>
    public string? DatabasePassword { get; set; } = Environment.GetEnvironmentVariable("CHAOS_DB_PASSWORD") is { Length: > 0 } password ? password : null;

    /// <summary>Gets or sets how long FIS may take to start an experiment before the run is aborted.</summary>
    /// <value>Defaults to 90 seconds.</value>
    public TimeSpan ExperimentStartTimeout { get; set; } = AwsPlatformConstants.ExperimentStartTimeout;

    /// <summary>Gets or sets how long a planned switchover (FailoverDBCluster to a named reader) may take to complete before the injection fails.</summary>
    /// <value>Defaults to 120 seconds.</value>
    public TimeSpan SwitchoverTimeout { get; set; } = AwsPlatformConstants.SwitchoverTimeout;

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the control-plane client; null creates <see cref="AwsSdkControlPlane"/> for the stack's region.</summary>
    /// <value>Defaults to null.</value>
    public Func<AwsControlPlaneOptions, IAwsControlPlane>? ControlPlaneFactory { get; set; }
}
