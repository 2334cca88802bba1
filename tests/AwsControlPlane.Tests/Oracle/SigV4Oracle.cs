using System.Text.Json;
using System.Text.Json.Nodes;
using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests.Oracle;

/// <summary>botocore's SigV4 (Oracle/sigv4_canonical.py under Debian's python3) rebuilding the canonical request of captured requests.</summary>
internal static class SigV4Oracle
{
    public const string Python = "/usr/bin/python3";

    public sealed record Result(string Canonical, string SignedHeaders, string Scope, bool SignatureValid);

    public static async Task<IReadOnlyList<Result>> CanonicalAsync(IReadOnlyList<CapturedRequest> requests, string secret)
    {
        var job = new JsonObject
        {
            ["secret"] = secret,
            ["requests"] = new JsonArray([.. requests.Select(r => (JsonNode)new JsonObject
            {
                ["method"] = r.Method,
                ["path"] = r.RawPath,
                ["query"] = r.RawQuery,
                ["headers"] = new JsonObject([.. r.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))]),
                ["body"] = r.Body,
            })]),
        };
        var script = Path.Combine(AppContext.BaseDirectory, "Oracle", "sigv4_canonical.py");
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(Python, [script], new Dictionary<string, string?>(), job.ToJsonString());
        Assert.True(exit == 0, $"the SigV4 oracle failed (is python3-botocore installed? scripts/setup installs it): {stderr}");
        using var json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => new Result(
            r.GetProperty("canonical").GetString()!, r.GetProperty("signedHeaders").GetString()!, r.GetProperty("scope").GetString()!, r.GetProperty("signatureValid").GetBoolean()))];
    }
}
