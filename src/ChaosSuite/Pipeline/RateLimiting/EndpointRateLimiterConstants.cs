namespace Resilience.ChaosSuite.Pipeline.RateLimiting;

internal static class EndpointRateLimiterConstants
{
    public const string DefaultName = "EndpointRateLimiter";

    public const int PermitsPerSecond = 1000;

    public const int Burst = 200;

    public const int QueueLimit = 0;
}
