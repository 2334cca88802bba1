using System.Globalization;
using System.Text.Json;
using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests.Oracle;

/// <summary>
/// The real AWS CLI v2 (Debian's /usr/bin/aws, not whatever aws is first on PATH) as the oracle: the
/// same call made by the CLI and by our client reaches the stand-in with the same method, path and
/// parameters, and both are signed correctly for the same credential scope, as botocore's SigV4
/// rebuilds them from the captured bytes. The two calls are made a moment apart, so our request is
/// also rebuilt by botocore at the CLI's x-amz-date and its whole canonical request compared with the
/// CLI's, with the two differences AWSSDK.Core makes (it signs x-amz-content-sha256; its bodies order
/// parameters differently) checked for what they must be.
/// </summary>
public sealed class AwsCliOracleTests
{
    private const string Cli = "/usr/bin/aws";

    private sealed record Case(string Operation, string[] CliArguments, Func<IAwsControlPlane, Task> Ours, Action<AuroraStandIn>? Between = null);

    [Fact]
    public async Task TheCliAndOurClientSendTheSameSignedCalls()
    {
        Assert.True(File.Exists(Cli), $"{Cli} (Debian's awscli) is missing: run scripts/setup");
        await using var h = new StandInHarness();
        var id = h.Cluster.Id;
        var failoverTemplate = h.StandIn.Templates[0].Id;
        var ct = CancellationToken.None;
        var cases = new List<Case>
        {
            new("DescribeDBClusters", ["rds", "describe-db-clusters", "--db-cluster-identifier", id], c => c.DescribeDbClustersAsync(id, ct)),
            new("DescribeDBInstances", ["rds", "describe-db-instances", "--filters", $"Name=db-cluster-id,Values={id}"], c => c.DescribeDbInstancesAsync(id, ct)),
            new("DescribeDBClusterEndpoints", ["rds", "describe-db-cluster-endpoints", "--db-cluster-identifier", id], c => c.DescribeDbClusterEndpointsAsync(id, ct)),
            new("ModifyDBClusterEndpoint", ["rds", "modify-db-cluster-endpoint", "--db-cluster-endpoint-identifier", $"{id}-warm-readers", "--static-members", $"{id}-readers-1", $"{id}-readers-2"],
                c => c.ModifyDbClusterEndpointStaticMembersAsync($"{id}-warm-readers", [$"{id}-readers-1", $"{id}-readers-2"], ct)),
            new("FailoverDBCluster", ["rds", "failover-db-cluster", "--db-cluster-identifier", id, "--target-db-instance-identifier", $"{id}-readers-1"],
                c => c.FailoverDbClusterAsync(id, $"{id}-readers-1", ct)),
            new("RebootDBInstance", ["rds", "reboot-db-instance", "--db-instance-identifier", $"{id}-readers-2", "--force-failover"], c => c.RebootDbInstanceAsync($"{id}-readers-2", true, ct)),
            new("ListExperimentTemplates", ["fis", "list-experiment-templates"], c => c.ListExperimentTemplatesAsync(ct)),
            new("GetExperimentTemplate", ["fis", "get-experiment-template", "--id", failoverTemplate], c => c.GetExperimentTemplateAsync(failoverTemplate, ct)),
            new("StartExperiment", ["fis", "start-experiment", "--experiment-template-id", failoverTemplate, "--client-token", "run-1", "--tags", "resilience:run=run-1"],
                c => c.StartExperimentAsync(failoverTemplate, "run-1", new Dictionary<string, string> { ["resilience:run"] = "run-1" }, ct),
                standIn => standIn.EndExperiment("EXP000001")),
            new("GetExperiment", ["fis", "get-experiment", "--id", "EXP000001"], c => c.GetExperimentAsync("EXP000001", ct)),
            new("StopExperiment", ["fis", "stop-experiment", "--id", "EXP000002"], c => c.StopExperimentAsync("EXP000002", ct)),
            new("ListExperiments", ["fis", "list-experiments"], c => c.ListExperimentsAsync(ct)),
            new("DescribeAlarms", ["cloudwatch", "describe-alarms", "--alarm-names", "staging-cell-a-writer-cpu", "staging-cell-a-replica-lag", "--alarm-types", "MetricAlarm"],
                c => c.DescribeAlarmsAsync(["staging-cell-a-writer-cpu", "staging-cell-a-replica-lag"], ct)),
            new("DescribeAlarmHistory", ["cloudwatch", "describe-alarm-history", "--alarm-name", "staging-cell-a-writer-cpu", "--history-item-type", "StateUpdate", "--start-date", "2026-11-30T11:59:00Z"],
                c => c.DescribeAlarmHistoryAsync("staging-cell-a-writer-cpu", new DateTimeOffset(2026, 11, 30, 11, 59, 0, TimeSpan.Zero), ct)),
            new("PutMetricData", ["cloudwatch", "put-metric-data", "--namespace", "Resilience/WarmupGate", "--metric-data",
                    $"MetricName=HealthyWarmReplicas,Value=2,Unit=Count,Timestamp=2026-11-30T12:00:00Z,Dimensions=[{{Name=DBClusterIdentifier,Value={id}}}]"],
                c => c.PutMetricDataAsync("Resilience/WarmupGate", "HealthyWarmReplicas", new Dictionary<string, string> { ["DBClusterIdentifier"] = id }, 2, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), ct)),
        };

        var home = Directory.CreateTempSubdirectory("aws-cli-oracle-");
        try
        {
            var environment = new Dictionary<string, string?>
            {
                ["HOME"] = home.FullName,
                ["AWS_ACCESS_KEY_ID"] = StandInHarness.Credentials.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = StandInHarness.Credentials.SecretAccessKey,
                ["AWS_SESSION_TOKEN"] = null,
                ["AWS_PROFILE"] = null,
                ["AWS_CONFIG_FILE"] = Path.Combine(home.FullName, "config"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.FullName, "credentials"),
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_PAGER"] = "",
                ["AWS_MAX_ATTEMPTS"] = "1",
            };
            var pairs = new List<(Case Case, CapturedRequest Cli, CapturedRequest Ours)>();
            foreach (var c in cases)
            {
                h.StandIn.ClearRequests();
                var (exit, _, stderr) = await ProcessRunner.RunAsync(Cli, [.. c.CliArguments, "--endpoint-url", h.StandIn.Url.ToString(), "--region", StandInHarness.Region, "--output", "json"], environment);
                Assert.True(exit == 0, $"{c.Operation}: aws exited {exit}: {stderr}");
                var cli = Assert.Single(h.StandIn.Requests);
                c.Between?.Invoke(h.StandIn);
                h.StandIn.ClearRequests();
                await c.Ours(h.Client);
                pairs.Add((c, cli, Assert.Single(h.StandIn.Requests)));
            }

            var canonical = await SigV4Oracle.CanonicalAsync(
                [.. pairs.SelectMany(p => new (CapturedRequest, string?)[] { (p.Cli, null), (p.Ours, null), (p.Ours, p.Cli.Headers["x-amz-date"]) })],
                StandInHarness.Credentials.SecretAccessKey);
            var problems = new List<string>();
            for (var i = 0; i < pairs.Count; i++)
            {
                problems.AddRange(Compare(pairs[i].Case.Operation, pairs[i].Cli, pairs[i].Ours, canonical[3 * i], canonical[(3 * i) + 1]));
                problems.AddRange(CompareAtTheCliDate(pairs[i].Case.Operation, pairs[i].Cli, pairs[i].Ours, canonical[3 * i], canonical[(3 * i) + 2]));
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Compare(string operation, CapturedRequest cli, CapturedRequest ours, SigV4Oracle.Result cliSig, SigV4Oracle.Result oursSig)
    {
        if (cli.Operation != operation || ours.Operation != operation)
        {
            yield return $"{operation}: the CLI called {cli.Operation}, we called {ours.Operation}";
        }

        if (cli.Method != ours.Method || cli.RawPath != ours.RawPath)
        {
            yield return $"{operation}: CLI {cli.Method} {cli.RawPath}, ours {ours.Method} {ours.RawPath}";
        }

        var cliParams = Parameters(cli);
        var ourParams = Parameters(ours);
        if (cliParams != ourParams)
        {
            yield return $"{operation}: parameters differ\n  CLI:  {cliParams}\n  ours: {ourParams}";
        }

        if (!cliSig.SignatureValid)
        {
            yield return $"{operation}: botocore does not accept the CLI's signature (the oracle is broken)";
        }

        if (!oursSig.SignatureValid)
        {
            yield return $"{operation}: botocore does not accept our signature\n{oursSig.Canonical}";
        }

        if (cliSig.Scope != oursSig.Scope)
        {
            yield return $"{operation}: credential scope CLI {cliSig.Scope}, ours {oursSig.Scope}";
        }

        // The one value compared apart: our x-amz-date has the CLI's format and is the moment our call was made.
        var format = "yyyyMMdd'T'HHmmss'Z'";
        if (!DateTimeOffset.TryParseExact(ours.Headers["x-amz-date"], format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ourDate)
            || !DateTimeOffset.TryParseExact(cli.Headers["x-amz-date"], format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var cliDate)
            || (ourDate - cliDate).Duration() > TimeSpan.FromMinutes(1))
        {
            yield return $"{operation}: x-amz-date CLI '{cli.Headers["x-amz-date"]}', ours '{ours.Headers["x-amz-date"]}'";
        }
    }

    // Our request as if sent at the CLI's instant, compared with the CLI's line by line: method, URI, query, every
    // header the CLI signed with the same value (x-amz-date included), the signed-header list, the payload hash.
    // Two differences are allowed, each checked rather than skipped: AWSSDK.Core's signer also signs
    // x-amz-content-sha256 (SigV4 lets a client sign more headers; its value must be the payload hash), and where
    // the bodies' bytes differ (parameter or JSON member order) they are equal as parameters (above) and the
    // payload hash must be the SHA-256 of our body.
    private static IEnumerable<string> CompareAtTheCliDate(string operation, CapturedRequest cli, CapturedRequest ours, SigV4Oracle.Result cliSig, SigV4Oracle.Result oursAtCliDate)
    {
        const string ContentHash = "x-amz-content-sha256";
        var theirs = CanonicalParts.Parse(cliSig.Canonical);
        var mine = CanonicalParts.Parse(oursAtCliDate.Canonical);
        if (theirs.Head != mine.Head)
        {
            yield return $"{operation}: method, URI or query differ: CLI '{theirs.Head}', ours '{mine.Head}'";
        }

        var extra = mine.Headers.Keys.Except(theirs.Headers.Keys).ToList();
        if (extra.Any(h => h != ContentHash) || theirs.Headers.Keys.Except(mine.Headers.Keys).Any())
        {
            yield return $"{operation}: signed headers CLI {theirs.SignedHeaders}, ours {mine.SignedHeaders} (only {ContentHash} may be added)";
        }

        foreach (var (name, value) in theirs.Headers.Where(h => mine.Headers.TryGetValue(h.Key, out var v) && v != h.Value))
        {
            yield return $"{operation}: canonical header {name}: CLI '{value}', ours '{mine.Headers[name]}'";
        }

        if (mine.Headers.TryGetValue(ContentHash, out var declared) && declared != mine.PayloadHash)
        {
            yield return $"{operation}: {ContentHash} {declared} is not the payload hash {mine.PayloadHash}";
        }

        var expected = cli.Body == ours.Body ? theirs.PayloadHash : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ours.Body)));
        if (mine.PayloadHash != expected)
        {
            yield return $"{operation}: payload hash {mine.PayloadHash}, expected {expected}{(cli.Body == ours.Body ? " (the CLI's: same body)" : " (SHA-256 of our body)")}";
        }
    }

    /// <summary>A canonical request's parts: method, URI and query; canonical headers; signed headers; payload hash.</summary>
    private sealed record CanonicalParts(string Head, IReadOnlyDictionary<string, string> Headers, string SignedHeaders, string PayloadHash)
    {
        public static CanonicalParts Parse(string canonical)
        {
            var lines = canonical.Split('\n');
            var blank = Array.IndexOf(lines, "", 3);
            var headers = lines[3..blank].Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            return new CanonicalParts(string.Join(" ", lines[..3]), headers, lines[blank + 1], lines[blank + 2]);
        }
    }

    // Form parameters (query protocol) or query string plus JSON body (rest-json), in one canonical text.
    private static string Parameters(CapturedRequest request)
    {
        var form = request.Form.Count > 0 ? string.Join("&", request.Form.Select(p => $"{p.Key}={p.Value}")) : "";
        var query = string.Join("&", request.Query.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var body = request.Form.Count == 0 && request.Body.Length > 0 ? Canonical(JsonDocument.Parse(request.Body).RootElement) : "";
        return $"form[{form}] query[{query}] json[{body}]";
    }

    private static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"\"{p.Name}\":{Canonical(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        _ => e.GetRawText(),
    };
}
