using System.Net;
using Amazon.Runtime;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>Turns what the SDK throws into one <see cref="AwsControlPlaneException"/> line naming the call, the region and what to do.</summary>
internal static class FailureTranslation
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "ProvisionedThroughputExceededException",
    };

    private static readonly HashSet<string> Expired = new(StringComparer.Ordinal) { "ExpiredToken", "ExpiredTokenException", "RequestExpired" };

    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal)
    {
        "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "IncompleteSignature", "AuthFailure", "InvalidAccessKeyId", "MissingAuthenticationToken",
    };

    private static readonly HashSet<string> Denied = new(StringComparer.Ordinal) { "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess" };

    public static AwsControlPlaneException Translate(Exception exception, string operation, string region)
    {
        var call = $"{operation} in {region}";
        switch (exception)
        {
            case AwsControlPlaneException already:
                return already;
            case AmazonServiceException service when service.ErrorCode is { } code:
                var detail = string.IsNullOrWhiteSpace(service.Message) ? code : $"{code}: {OneLine(service.Message)}";
                var (failure, advice) = Classify(code, service.StatusCode);
                return new AwsControlPlaneException(failure, $"{call} failed ({detail}); {advice}", code, exception);
            case AmazonServiceException service when service.StatusCode == HttpStatusCode.TooManyRequests:
                return new AwsControlPlaneException(AwsFailure.Throttled, $"{call} was throttled (HTTP 429) after the SDK's retries; {ThrottledAdvice}", null, exception);
            case AmazonClientException client when client.Message.Contains("credential", StringComparison.OrdinalIgnoreCase):
                return new AwsControlPlaneException(AwsFailure.NoCredentials, $"{call}: no AWS credentials found (environment, profile, SSO, web identity, instance role); set AWS_PROFILE (after `aws sso login`), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE in CI", null, exception);
            case HttpRequestException or TaskCanceledException or TimeoutException or AmazonClientException:
                return new AwsControlPlaneException(AwsFailure.Unreachable, $"{call}: the endpoint could not be reached ({OneLine(exception.Message)}); check the network path to AWS (VPC endpoints, proxy) and the region", null, exception);
            default:
                return new AwsControlPlaneException(AwsFailure.Other, $"{call} failed: {OneLine(exception.Message)}", null, exception);
        }
    }

    private const string ThrottledAdvice = "another tool is calling the same API hard; wait a minute and run again, or lower the chaos suite's control-plane read rate";

    private static (AwsFailure Failure, string Advice) Classify(string code, HttpStatusCode status)
    {
        if (Throttling.Contains(code))
        {
            return (AwsFailure.Throttled, $"throttled after the SDK's retries; {ThrottledAdvice}");
        }

        if (Expired.Contains(code))
        {
            return (AwsFailure.ExpiredCredentials, "the session has expired: run `aws sso login` (laptop) or re-run the CI job (its OIDC session)");
        }

        if (Refused.Contains(code))
        {
            return (AwsFailure.InvalidCredentials, "the credentials were refused: check AWS_PROFILE / the access key, and that the clock is right");
        }

        if (Denied.Contains(code))
        {
            return (AwsFailure.AccessDenied, "the role lacks this permission: run as the game-day runner role the Pulumi program declares (see docs/gameday-aws.md)");
        }

        if (code.EndsWith("NotFoundFault", StringComparison.Ordinal) || code.EndsWith("NotFound", StringComparison.Ordinal) || code == "ResourceNotFoundException")
        {
            return (AwsFailure.NotFound, "it does not exist in this region: check the stack's aws:region and that `pulumi up` created it");
        }

        if (code.StartsWith("Invalid", StringComparison.Ordinal) && code.EndsWith("StateFault", StringComparison.Ordinal) || code == "ConflictException")
        {
            return (AwsFailure.Conflict, "the resource is busy (modifying, failing over, or an experiment is already running); wait until it is available");
        }

        if (code is "ValidationException" or "InvalidParameterValue" or "InvalidParameterCombination" or "MissingParameter")
        {
            return (AwsFailure.Invalid, "the request was refused as invalid");
        }

        return ((int)status >= 500 ? AwsFailure.Unreachable : AwsFailure.Other, "see the AWS error above");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
