using System.Text.Json;
using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests.Oracle;

/// <summary>
/// The real AWS CLI v2 (Debian's /usr/bin/aws, not whatever aws is first on PATH) as the oracle: the
/// same call made by the CLI and by our client reaches the stand-in with the same method, path and
/// parameters, and both are signed correctly for the same credential scope, as botocore's SigV4
/// rebuilds them from the captured bytes. The two clocks differ by the time between the calls, so the
/// x-amz-date value is the one part of the canonical requests not compared.
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
            new("DescribeAlarms", ["cloudwatch", "describe-alarms", "--alarm-names", "staging-cell-a-writer-cpu", "staging-cell-a-replica-lag", "--alarm-types", "MetricAlarm"],
                c => c.DescribeAlarmsAsync(["staging-cell-a-writer-cpu", "staging-cell-a-replica-lag"], ct)),
            new("DescribeAlarmHistory", ["cloudwatch", "describe-alarm-history", "--alarm-name", "staging-cell-a-writer-cpu", "--history-item-type", "StateUpdate", "--start-date", "2026-11-30T11:59:00Z"],
                c => c.DescribeAlarmHistoryAsync("staging-cell-a-writer-cpu", new DateTimeOffset(2026, 11, 30, 11, 59, 0, TimeSpan.Zero), ct)),
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

            var canonical = await SigV4Oracle.CanonicalAsync([.. pairs.SelectMany(p => new[] { p.Cli, p.Ours })], StandInHarness.Credentials.SecretAccessKey);
            var problems = new List<string>();
            for (var i = 0; i < pairs.Count; i++)
            {
                problems.AddRange(Compare(pairs[i].Case.Operation, pairs[i].Cli, pairs[i].Ours, canonical[2 * i], canonical[(2 * i) + 1]));
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

        // Method, canonical URI and canonical query string: the first three lines of the canonical request.
        var cliHead = string.Join("\n", cliSig.Canonical.Split('\n').Take(3));
        var ourHead = string.Join("\n", oursSig.Canonical.Split('\n').Take(3));
        if (cliHead != ourHead)
        {
            yield return $"{operation}: canonical request heads differ\n  CLI:  {cliHead}\n  ours: {ourHead}";
        }

        // The headers both signed carry the same values, the date excepted.
        foreach (var header in cliSig.SignedHeaders.Split(';').Intersect(oursSig.SignedHeaders.Split(';')).Where(h => h != "x-amz-date"))
        {
            if (cli.Headers[header] != ours.Headers[header])
            {
                yield return $"{operation}: signed header {header}: CLI '{cli.Headers[header]}', ours '{ours.Headers[header]}'";
            }
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
