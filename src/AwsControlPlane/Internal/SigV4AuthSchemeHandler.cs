using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>Tells the SDK's pipeline that every operation of these services signs with SigV4 (their models say <c>signatureVersion: v4</c>).</summary>
internal sealed class SigV4AuthSchemeHandler : BaseAuthResolverHandler
{
    private const string SigV4 = "aws.auth#sigv4";

    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
        [new AuthSchemeOption { SchemeId = SigV4 }];
}
