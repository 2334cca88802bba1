using System.Text.RegularExpressions;

namespace Resilience.AwsControlPlane;

/// <summary>Checks a region name before any call, so a typo is one line instead of a DNS error.</summary>
public static partial class AwsRegions
{
    /// <summary>Throws when <paramref name="region"/> is not a region the SDK knows (or of the region shape, for regions newer than the SDK).</summary>
    /// <exception cref="AwsControlPlaneException">The region is empty or malformed.</exception>
    public static void Validate(string? region)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new AwsControlPlaneException(AwsFailure.Invalid, "no AWS region: set aws:region in the stack file (e.g. eu-west-1)");
        }

        var known = Amazon.RegionEndpoint.EnumerableAllRegions.Any(r => r.SystemName == region);
        if (!known && !Shape().IsMatch(region))
        {
            throw new AwsControlPlaneException(AwsFailure.Invalid, $"'{region}' is not an AWS region: set aws:region in the stack file to one such as eu-west-1");
        }
    }

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$")]
    private static partial Regex Shape();
}
