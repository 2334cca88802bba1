namespace Resilience.AwsControlPlane;

/// <summary>An AWS call failed; <see cref="Exception.Message"/> is one line saying what is wrong and what to do.</summary>
public sealed class AwsControlPlaneException : Exception
{
    /// <summary>Creates the error.</summary>
    public AwsControlPlaneException(AwsFailure failure, string message, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        ErrorCode = errorCode;
    }

    /// <summary>Creates an error without a message.</summary>
    public AwsControlPlaneException()
    {
    }

    /// <summary>Creates the error.</summary>
    public AwsControlPlaneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public AwsControlPlaneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What kind of failure it is, so callers decide without parsing messages.</summary>
    public AwsFailure Failure { get; }

    /// <summary>The service's error code (<c>DBClusterNotFoundFault</c>, <c>ThrottlingException</c>...), when it sent one.</summary>
    public string? ErrorCode { get; }
}

/// <summary>The kinds of failure a caller acts on differently.</summary>
public enum AwsFailure
{
    /// <summary>Anything else the service refused.</summary>
    Other,

    /// <summary>No credentials in the chain (environment, profile, SSO, web identity, instance role).</summary>
    NoCredentials,

    /// <summary>The credentials were refused (unknown key, bad signature).</summary>
    InvalidCredentials,

    /// <summary>The session token has expired (refresh the SSO login or the CI role's session).</summary>
    ExpiredCredentials,

    /// <summary>The caller's role lacks a permission.</summary>
    AccessDenied,

    /// <summary>The cluster, instance, endpoint, template or experiment does not exist (in this region).</summary>
    NotFound,

    /// <summary>Throttled, still after the SDK's retries with backoff.</summary>
    Throttled,

    /// <summary>The resource is in a state that refuses the request (e.g. an experiment already running).</summary>
    Conflict,

    /// <summary>The request was invalid (a bad parameter, a region with no such service).</summary>
    Invalid,

    /// <summary>The endpoint could not be reached (network, DNS, proxy).</summary>
    Unreachable,
}
