namespace Resilience.ChaosSuite.Pipeline.RateLimiting;

/// <summary>An operation shed by an endpoint's rate limiter: it never reached the database.</summary>
public sealed class EndpointRateLimitedException : Exception
{
    /// <summary>Creates the exception for the endpoint named <paramref name="endpoint"/>.</summary>
    public EndpointRateLimitedException(string endpoint, TimeSpan? retryAfter)
        : base($"shed by the rate limiter of the {endpoint} endpoint")
    {
        Endpoint = endpoint;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception without details.</summary>
    public EndpointRateLimitedException()
        : this("unknown", (TimeSpan?)null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EndpointRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Endpoint = "unknown";
    }

    /// <summary>Creates the exception with a message.</summary>
    public EndpointRateLimitedException(string message)
        : base(message)
    {
        Endpoint = "unknown";
    }

    /// <summary>The endpoint's name.</summary>
    public string Endpoint { get; }

    /// <summary>When the limiter suggests trying again, if it knows.</summary>
    public TimeSpan? RetryAfter { get; }
}
