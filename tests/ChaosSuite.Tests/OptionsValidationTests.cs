using Resilience.ChaosSuite.Load;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Pipeline.ChaosInjection;
using Resilience.ChaosSuite.Pipeline.RateLimiting;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Reports.History;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Workload;
using Resilience.Topology.Options;

namespace Resilience.ChaosSuite.Tests;

/// <summary>
/// Each options type is checked where it is used: a bad value fails at once, in the constructor, with one line naming
/// every bad member, its value and its range (not later, inside Polly or Npgsql, with a message about something else).
/// </summary>
public class OptionsValidationTests
{
    private static readonly DatabaseAccess Access = new(new DatabaseEndpoint("127.0.0.1", 1), new DatabaseEndpoint("127.0.0.1", 2), "app", "app", PasswordProvider.Fixed("secret"));

    private static string OneLine(Action construct)
    {
        var e = Assert.Throws<OptionsValidationException>(construct);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void Every_default_is_valid()
    {
        OptionsValidator.Validate(new DatabaseClientPipelineOptions { Chaos = new ChaosInjectionOptions() });
        OptionsValidator.Validate(new EndpointRateLimiterOptions());
        OptionsValidator.Validate(new WorkloadOptions());
        OptionsValidator.Validate(new LoadGeneratorOptions());
        OptionsValidator.Validate(new RegressionRuleOptions());
        OptionsValidator.Validate(new ClusterSamplerOptions());
        OptionsValidator.Validate(new ScenarioRunnerOptions());
    }

    [Fact]
    public void Client_pipeline_names_its_own_and_its_nested_bad_members()
    {
        var options = new DatabaseClientPipelineOptions
        {
            AttemptTimeout = TimeSpan.Zero,
            CircuitMinimumThroughput = 1,
            Chaos = ChaosInjectionOptions.AtRate(1.5),
        };
        options.WriteRateLimit.Burst = 0;

        Assert.Equal(
            "DatabaseClientPipelineOptions is invalid: AttemptTimeout must be between 00:00:00.0100000 and 1.00:00:00, got 00:00:00; "
            + "CircuitMinimumThroughput must be between 2 and 2147483647, got 1; WriteRateLimit.Burst must be between 1 and 1000000, got 0; "
            + "Chaos.FaultRate must be between 0 and 1, got 1.5; Chaos.OutcomeRate must be between 0 and 1, got 1.5; Chaos.LatencyRate must be between 0 and 1, got 1.5",
            OneLine(() => new DatabaseClientPipeline<int>(options).Dispose()));
    }

    [Fact]
    public void Chaos_injection_is_checked_when_its_strategies_are_added()
    {
        var options = new ChaosInjectionOptions { LatencyRate = -0.1, Latency = TimeSpan.FromSeconds(-1) };
        Assert.Equal(
            "ChaosInjectionOptions is invalid: LatencyRate must be between 0 and 1, got -0.1; Latency must be between 00:00:00 and 1.00:00:00, got -00:00:01",
            OneLine(() => new Polly.ResiliencePipelineBuilder<int>().AddDatabaseChaos(options, new PipelineCounters(), randomizer: null)));
    }

    [Fact]
    public void Rate_limiter_is_checked_when_its_limiter_is_built()
    {
        var options = new EndpointRateLimiterOptions { PermitsPerSecond = 0, QueueLimit = -1 };
        Assert.Equal(
            "EndpointRateLimiterOptions is invalid: PermitsPerSecond must be between 1 and 1000000, got 0; QueueLimit must be between 0 and 1000000, got -1",
            OneLine(() => options.CreateLimiter()));
    }

    [Fact]
    public void Workload_is_checked_when_it_is_created()
    {
        using var pipeline = new DatabaseClientPipeline<ServerAnswer>(new DatabaseClientPipelineOptions());
        var timeline = new ScenarioTimeline(new RunClock(TimeProvider.System));
        var options = new WorkloadOptions { MaxInFlight = 0, DrainTimeout = TimeSpan.FromHours(2), LedgerTable = "ledger; drop table x" };
        Assert.Equal(
            "WorkloadOptions is invalid: MaxInFlight must be between 1 and 100000, got 0; DrainTimeout must be between 00:00:00 and 01:00:00, got 02:00:00; "
            + "LedgerTable: must be a lowercase SQL identifier, got ledger; drop table x",
            OneLine(() => _ = new ApplicationWorkload(Access, "inet_server_port()", pipeline, timeline, options, Guid.NewGuid())));
    }

    [Fact]
    public void Load_generator_is_checked_when_it_is_created()
    {
        Assert.Equal(
            "LoadGeneratorOptions is invalid: ClientAddresses must be between 1 and 250, got 300; ReadShare must be between 0 and 1, got 2",
            OneLine(() => _ = new LoadGenerator(Access, new LoadGeneratorOptions { ClientAddresses = 300, ReadShare = 2 })));
        Assert.Equal(
            "LoadGeneratorOptions is invalid: StartConnections: must be at most MaxConnections (40), got 50",
            OneLine(() => _ = new LoadGenerator(Access, new LoadGeneratorOptions { StartConnections = 50 })));
    }

    [Fact]
    public void Regression_rule_is_checked_when_it_is_created()
    {
        Assert.Equal(
            "RegressionRuleOptions is invalid: BaselineRuns must be between 1 and 1000, got 0; SpreadFactor must be between 0 and 100, got -1",
            OneLine(() => _ = new RegressionRule(new RegressionRuleOptions { BaselineRuns = 0, SpreadFactor = -1 })));
        Assert.Equal(
            "RegressionRuleOptions is invalid: MinimumBaselineRuns: must be at most BaselineRuns (5), got 6",
            OneLine(() => _ = new RegressionRule(new RegressionRuleOptions { MinimumBaselineRuns = 6 })));
    }

    [Fact]
    public void Cluster_sampler_is_checked_when_it_is_created()
    {
        var timeline = new ScenarioTimeline(new RunClock(TimeProvider.System));
        Assert.Equal(
            "ClusterSamplerOptions is invalid: Interval must be between 00:00:00.0010000 and 00:01:00, got 00:00:00; MaxConcurrentObservations must be between 1 and 64, got 0",
            OneLine(() => _ = new ClusterSampler(new FakePlatform(), timeline, new ClusterSamplerOptions { Interval = TimeSpan.Zero, MaxConcurrentObservations = 0 })));
    }

    [Fact]
    public void Scenario_runner_names_bad_members_of_its_workload_and_sampler_too()
    {
        var options = new ScenarioRunnerOptions
        {
            PreFault = TimeSpan.FromSeconds(-3),
            Workload = new WorkloadOptions { WritesPerSecond = -1 },
            Sampler = new ClusterSamplerOptions { ObservationTimeout = TimeSpan.Zero },
        };
        Assert.Equal(
            "ScenarioRunnerOptions is invalid: PreFault must be between 00:00:00 and 01:00:00, got -00:00:03; "
            + "Workload.WritesPerSecond must be between 0 and 100000, got -1; Sampler.ObservationTimeout must be between 00:00:00.0100000 and 00:10:00, got 00:00:00",
            OneLine(() => _ = new ScenarioRunner(Stacks.Local(), new FakePlatform(), new RunClock(TimeProvider.System), options, new RecordingProgress())));
    }
}
