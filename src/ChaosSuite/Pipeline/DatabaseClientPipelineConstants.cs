namespace Resilience.ChaosSuite.Pipeline;

internal static class DatabaseClientPipelineConstants
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    public const int WriteRetryAttempts = 10;

    public const int ReadRetryAttempts = 3;

    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(1);

    public const double CircuitFailureRatio = 0.5;

    public const int CircuitMinimumThroughput = 20;

    public static readonly TimeSpan CircuitSamplingDuration = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan CircuitBreakDuration = TimeSpan.FromSeconds(1);

    public const int WritePermitsPerSecond = 500;

    public const int ReadPermitsPerSecond = 1000;

    public const string WriteEndpointName = "write";

    public const string ReadEndpointName = "read";
}
