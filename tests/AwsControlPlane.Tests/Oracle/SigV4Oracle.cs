using System.Text.Json;
using System.Text.Json.Nodes;
using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests.Oracle;

/// <summary>botocore's SigV4 (Oracle/sigv4_canonical.py under Debian's python3) rebuilding the canonical request of captured requests.</summary>
internal static class SigV4Oracle
{
    public const string Python = "/usr/bin/python3";

    /// <summary>botocore's view of one request.</summary>
    /// <param name="Canonical">The canonical request.</param>
    /// <param name="SignedHeaders">The SignedHeaders of its Authorization header.</param>
    /// <param name="Scope">Region and service of its credential scope.</param>
    /// <param name="Signature">The signature botocore computes for it (at its own x-amz-date, or at the one asked).</param>
    /// <param name="SignatureValid">True when that is the signature of its Authorization header.</param>
    public sealed record Result(string Canonical, string SignedHeaders, string Scope, string Signature, bool SignatureValid);

    /// <summary>Each request as sent.</summary>
    public static Task<IReadOnlyList<Result>> CanonicalAsync(IReadOnlyList<CapturedRequest> requests, string secret) =>
        CanonicalAsync([.. requests.Select(r => (r, (string?)null))], secret);

    /// <summary>Each request signed again as if sent at its <c>At</c> x-amz-date (null: as sent).</summary>
    public static async Task<IReadOnlyList<Result>> CanonicalAsync(IReadOnlyList<(CapturedRequest Request, string? At)> requests, string secret)
    {
        var job = new JsonObject
        {
            ["secret"] = secret,
            ["requests"] = new JsonArray([.. requests.Select(p => (JsonNode)new JsonObject
            {
                ["at"] = p.At,
                ["method"] = p.Request.Method,
                ["path"] = p.Request.RawPath,
                ["query"] = p.Request.RawQuery,
                ["headers"] = new JsonObject([.. p.Request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))]),
                ["body"] = p.Request.Body,
            })]),
        };
        var script = Path.Combine(AppContext.BaseDirectory, "Oracle", "sigv4_canonical.py");
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(Python, [script], new Dictionary<string, string?>(), job.ToJsonString());
        Assert.True(exit == 0, $"the SigV4 oracle failed (is python3-botocore installed? scripts/setup installs it): {stderr}");
        using var json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => new Result(
            r.GetProperty("canonical").GetString()!, r.GetProperty("signedHeaders").GetString()!, r.GetProperty("scope").GetString()!,
            r.GetProperty("signature").GetString()!, r.GetProperty("signatureValid").GetBoolean()))];
    }
}
