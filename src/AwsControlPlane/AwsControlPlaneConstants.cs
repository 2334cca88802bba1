namespace Resilience.AwsControlPlane;

/// <summary>Default values of <see cref="AwsControlPlaneOptions"/>.</summary>
internal static class AwsControlPlaneConstants
{
    /// <summary>The SDK's standard retry mode default: 3 attempts with exponential backoff and jitter.</summary>
    public const int MaxAttempts = 3;

    /// <summary>A Describe call that has not answered in 20 s is treated as unreachable.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
}
