using Resilience.AwsStandIn;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>The AWS adapter against the stand-in: discovery, observation, faults through FIS, the guard, and every refusal in one line.</summary>
public sealed class AwsPlatformTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task FindsTheCellByNameAndTagsAndResolvesItsEndpoints()
    {
        await using var stack = new AwsStandInStack();
        stack.Cluster.WriterAddress = "staging-eu-1.cluster-x.eu-central-1.rds.amazonaws.com";
        stack.Cluster.Endpoints.Single(e => e.Type == "CUSTOM").Address = "staging-eu-1-warm-readers.cluster-custom-x.eu-central-1.rds.amazonaws.com";
        await using var platform = stack.Platform();
        var access = await platform.ResolveAsync(None);
        Assert.Equal("staging-eu-1.cluster-x.eu-central-1.rds.amazonaws.com", access.Write.Host);
        Assert.Equal("staging-eu-1-warm-readers.cluster-custom-x.eu-central-1.rds.amazonaws.com", access.Read.Host);
        Assert.Equal(5432, access.Write.Port);
        Assert.Equal("app", access.Database);
        Assert.Equal("app", access.Username);
        Assert.Equal("eu-central-1", platform.Region);
        Assert.Contains(stack.StandIn.Requests, r => r.Operation == "ListExperimentTemplates");
    }

    [Fact]
    public async Task FindsTheCellFromSavedStackOutputsWithoutListingTemplates()
    {
        await using var stack = new AwsStandInStack();
        var file = Path.GetTempFileName();
        try
        {
            var primary = stack.StandIn.Templates[0].Id;
            var replica = stack.StandIn.Templates[1].Id;
            var outputs = new System.Text.Json.Nodes.JsonObject
            {
                ["platform"] = "aws",
                ["cells"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["eu-1"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["clusterIdentifier"] = "staging-eu-1",
                        ["port"] = 5432,
                        ["fisTemplateIds"] = new System.Text.Json.Nodes.JsonObject { ["primaryFailure"] = primary, ["replicaFailure"] = replica },
                    },
                },
            };
            await File.WriteAllTextAsync(file, outputs.ToJsonString());
            await using var platform = stack.Platform(file);
            await platform.ResolveAsync(None);
            Assert.DoesNotContain(stack.StandIn.Requests, r => r.Operation == "ListExperimentTemplates");
            Assert.Contains(stack.StandIn.Requests, r => r.Operation == "GetExperimentTemplate" && r.Path.EndsWith(primary, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ObservationMapsRolesGroupsTheWarmEndpointAndAlarms()
    {
        await using var stack = new AwsStandInStack();
        stack.StandIn.Alarms.Single(a => a.Name == "staging-eu-1-writer-cpu-high").SetState("ALARM", "high", DateTimeOffset.UnixEpoch.AddDays(1));
        stack.Cluster.Endpoints.Single(e => e.Type == "CUSTOM").StaticMembers.Remove("staging-eu-1-readers-2");
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        var writer = Assert.Single(observation.Members, m => m.Role == MemberRole.Primary);
        Assert.Equal("staging-eu-1-writer", writer.Name);
        Assert.Null(writer.Group);
        var readers = observation.Replicas("readers").OrderBy(m => m.Name).ToList();
        Assert.Equal(["staging-eu-1-readers-1", "staging-eu-1-readers-2"], readers.Select(m => m.Name));
        Assert.True(readers[0].InReadEndpoint);
        Assert.False(readers[1].InReadEndpoint);
        Assert.All(observation.Members, m => Assert.StartsWith("2026-11-01T08:00:00", m.Incarnation, StringComparison.Ordinal));
        Assert.Equal(["writer-cpu-high"], observation.Firing.Select(a => a.Name));
        Assert.NotNull(observation.Staleness);
    }

    [Fact]
    public async Task APrimaryFaultStartsTheWriterFailoverTemplateTaggedWithTheRunAndLiftStopsIt()
    {
        await using var stack = new AwsStandInStack();
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        var writer = observation.Primary!;
        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, writer), None);

        var experiment = Assert.Single(stack.StandIn.Experiments);
        Assert.Equal(fault.Reference, experiment.Id);
        Assert.Equal(stack.StandIn.Templates.Single(t => t.Tags["resilience:scenario"] == "primary-failure").Id, experiment.TemplateId);
        Assert.Equal("staging", experiment.Tags["resilience:stack"]);
        Assert.Equal(writer.Name, experiment.Tags["resilience:member"]);
        Assert.Single(platform.ActiveExperiments);

        await platform.LiftAsync(fault, None);
        Assert.Equal("stopped", experiment.Status);
        Assert.Empty(platform.ActiveExperiments);
    }

    [Fact]
    public async Task AReplicaFaultRebootsOnlyATemplateTargetNeverTheFailoverTarget()
    {
        await using var stack = new AwsStandInStack();
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        var failoverTarget = observation.Find("staging-eu-1-readers-1")!;
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, failoverTarget), None));
        OneLine(e, "not a target of FIS template", "failover target");
        Assert.Empty(stack.StandIn.Experiments);

        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, observation.Find("staging-eu-1-readers-2")!), None);
        Assert.Equal(stack.StandIn.Templates.Single(t => t.Tags["resilience:scenario"] == "replica-hardware-failure").Id, Assert.Single(stack.StandIn.Experiments).TemplateId);
        await platform.RestoreDesiredStateAsync(None);
        Assert.Equal("stopped", stack.StandIn.Experiments[0].Status);
        Assert.NotNull(fault.Reference);
    }

    [Theory]
    [InlineData("staging-eu-1-readers-2")]
    [InlineData("staging-eu-1-writer-as-reader")]
    public async Task WhenTheRebootTemplateHasSeveralTargetsTheFaultNamesTheReaderFisRebooted(string fisPicks)
    {
        await using var stack = new AwsStandInStack();
        var extra = new StandInInstance { Id = "staging-eu-1-readers-3", PromotionTier = 2 };
        lock (stack.StandIn.Gate)
        {
            stack.Cluster.Instances.Add(extra);
            stack.Cluster.Endpoints.Single(e => e.Type == "CUSTOM").StaticMembers.Add(extra.Id);
            stack.StandIn.Templates.Single(t => t.Tags["resilience:scenario"] == "replica-hardware-failure").TargetArns.Add(extra.Arn(stack.StandIn.Region));
        }

        // FIS's random pick: readers-2 when asked for it, or the other target.
        var picked = fisPicks == "staging-eu-1-readers-2" ? "staging-eu-1-readers-2" : extra.Id;
        stack.StandIn.OnExperimentStarted = (experiment, _) =>
        {
            lock (stack.StandIn.Gate)
            {
                stack.Cluster.Instances.Single(i => i.Id == picked).Status = "rebooting";
            }

            return Task.CompletedTask;
        };
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        Assert.True(observation.Find(extra.Id)!.CanSuffer(FaultKind.MachineLoss));
        Assert.False(observation.Find("staging-eu-1-readers-1")!.CanSuffer(FaultKind.MachineLoss));
        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, observation.Find("staging-eu-1-readers-2")!), None);
        Assert.Equal(picked, fault.Member);
        Assert.Contains(stack.StandIn.Requests, r => r.Operation == "DescribeDBInstances");
    }

    [Theory]
    [InlineData("instance")]
    [InlineData("pending")]
    [InlineData("cluster")]
    public async Task TheDoubleFaultGuardRefusesUnlessEveryInstanceIsAvailableWithNothingPending(string what)
    {
        await using var stack = new AwsStandInStack();
        await using var platform = stack.Platform();
        var writer = (await platform.ObserveAsync(None)).Primary!;
        lock (stack.StandIn.Gate)
        {
            _ = what switch
            {
                "instance" => stack.Cluster.Instances[2].Status = "rebooting",
                "pending" => (stack.Cluster.Instances[1].PendingModification = true).ToString(),
                _ => stack.Cluster.Status = "failing-over",
            };
        }

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, writer), None));
        OneLine(e, "double-fault guard");
        Assert.Empty(stack.StandIn.Experiments);
    }

    [Fact]
    public async Task ASecondFaultWhileAnExperimentRunsIsRefused()
    {
        await using var stack = new AwsStandInStack();
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, observation.Find("staging-eu-1-readers-2")!), None);
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, observation.Primary!), None));
        OneLine(e, "still running");
    }

    [Theory]
    [InlineData("primary-failure", "running")]
    [InlineData("replica-hardware-failure", "initiating")]
    public async Task AnExperimentOfTheStacksTemplatesStartedByAnyoneElseIsRefused(string scenario, string status)
    {
        await using var stack = new AwsStandInStack();
        var template = stack.StandIn.Templates.Single(t => t.Tags["resilience:scenario"] == scenario).Id;
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Experiments.Add(new StandInExperiment { Id = "EXPOTHER01", TemplateId = template, Status = status });
            stack.StandIn.Experiments.Add(new StandInExperiment { Id = "EXPOTHER02", TemplateId = "EXTNOTOURS", Status = "running" });
        }

        await using var platform = stack.Platform();
        var writer = (await platform.ObserveAsync(None)).Primary!;
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, writer), None));
        OneLine(e, "EXPOTHER01", template, status, "double-fault guard", "aws fis stop-experiment --id EXPOTHER01");
        Assert.Equal(2, stack.StandIn.Experiments.Count);
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Operation == "StartExperiment");
    }

    [Fact]
    public async Task AnotherTemplatesRunningExperimentDoesNotBlock()
    {
        await using var stack = new AwsStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Experiments.Add(new StandInExperiment { Id = "EXPOTHER02", TemplateId = "EXTNOTOURS", Status = "running" });
            stack.StandIn.Experiments.Add(new StandInExperiment { Id = "EXPDONE", TemplateId = stack.StandIn.Templates[0].Id, Status = "completed" });
        }

        await using var platform = stack.Platform();
        var writer = (await platform.ObserveAsync(None)).Primary!;
        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, writer), None);
        Assert.NotNull(fault.Reference);
        Assert.Contains(stack.StandIn.Requests, r => r.Operation == "ListExperiments");
    }

    [Fact]
    public async Task AnExperimentThatFailsToStartIsOneLineWithFisReasonAndNothingLeftActive()
    {
        await using var stack = new AwsStandInStack();
        stack.StandIn.OnExperimentStarted = (experiment, _) =>
        {
            stack.StandIn.EndExperiment(experiment.Id, "failed", "Unable to assume the role: AccessDenied");
            return Task.CompletedTask;
        };
        await using var platform = stack.Platform();
        var writer = (await platform.ObserveAsync(None)).Primary!;
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, writer), None));
        OneLine(e, "did not start", "failed", "Unable to assume the role");
        Assert.Empty(platform.ActiveExperiments);
    }

    [Fact]
    public async Task DisposingStopsEveryExperimentItStarted()
    {
        await using var stack = new AwsStandInStack();
        var platform = stack.Platform();
        var writer = (await platform.ObserveAsync(None)).Primary!;
        await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, writer), None);
        await platform.DisposeAsync();
        Assert.Equal("stopped", Assert.Single(stack.StandIn.Experiments).Status);
    }

    [Fact]
    public async Task AMissingClusterIsOneLine()
    {
        await using var stack = new AwsStandInStack();
        stack.StandIn.Clusters.Clear();
        await using var platform = stack.Platform();
        OneLine(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)), "staging-eu-1", "DBClusterNotFoundFault", "aws:region");
    }

    [Fact]
    public async Task AMissingTemplateIsOneLineNamingItsTags()
    {
        await using var stack = new AwsStandInStack();
        stack.StandIn.Templates.RemoveAll(t => t.Tags["resilience:scenario"] == "replica-hardware-failure");
        await using var platform = stack.Platform();
        OneLine(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)), "resilience:scenario=replica-hardware-failure", "--stack-outputs");
    }

    [Theory]
    [InlineData("Throttling", 400, "throttled")]
    [InlineData("ExpiredToken", 403, "aws sso login")]
    public async Task ThrottlingAndExpiredTokensAreOneLine(string code, int status, string mention)
    {
        await using var stack = new AwsStandInStack();
        stack.StandIn.InjectError(new InjectedError("DescribeDBClusters", 10, status, code, "refused"));
        await using var platform = stack.Platform();
        OneLine(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)), code, mention);
    }

    [Fact]
    public async Task AStackFileWithoutARegionIsRefusedBeforeAnyCall()
    {
        await using var stack = new AwsStandInStack();
        var dir = Directory.CreateTempSubdirectory("aws-region-");
        try
        {
            var file = Path.Combine(dir.FullName, "Pulumi.staging.yaml");
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(stack.StackFile)).Replace("  aws:region: eu-central-1\n", "", StringComparison.Ordinal));
            OneLine(Assert.Throws<PlatformException>(() => new Resilience.ChaosSuite.Platform.Aws.AwsPlatform(stack.Spec, file, stack.Options())), "no aws:region");
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(stack.StackFile)).Replace("aws:region: eu-central-1", "aws:region: eu-centre", StringComparison.Ordinal));
            OneLine(Assert.Throws<PlatformException>(() => new Resilience.ChaosSuite.Platform.Aws.AwsPlatform(stack.Spec, file, stack.Options())), "'eu-centre' is not an AWS region");
            Assert.Empty(stack.StandIn.Requests);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void OneLine(Exception e, params string[] mentions)
    {
        Assert.DoesNotContain('\n', e.Message);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, e.Message, StringComparison.Ordinal);
        }
    }
}
