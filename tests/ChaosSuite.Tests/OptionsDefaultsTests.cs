using Resilience.ChaosSuite.Gameday;
using Resilience.ChaosSuite.Load;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Pipeline.ChaosInjection;
using Resilience.ChaosSuite.Pipeline.RateLimiting;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Scenarios.AppFaults;
using Resilience.ChaosSuite.Scenarios.PrimaryFailure;
using Resilience.ChaosSuite.Scenarios.PrimaryHang;
using Resilience.ChaosSuite.Scenarios.PrimaryOverload;
using Resilience.ChaosSuite.Scenarios.ReplicaHardwareFailure;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Workload;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests;

/// <summary>Pins every documented default: changing one must be a deliberate edit here and in its &lt;value&gt; doc.</summary>
public class OptionsDefaultsTests
{
    [Fact]
    public void Client_pipeline()
    {
        var o = new DatabaseClientPipelineOptions();
        Assert.Equal(TimeSpan.FromSeconds(2), o.AttemptTimeout);
        Assert.Equal(10, o.WriteRetryAttempts);
        Assert.Equal(3, o.ReadRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(100), o.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), o.RetryMaxDelay);
        Assert.Equal(0.5, o.CircuitFailureRatio);
        Assert.Equal(20, o.CircuitMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(5), o.CircuitSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(1), o.CircuitBreakDuration);
        Assert.True(o.ReadFallbackToPrimary);
        Assert.Equal(500, o.WriteRateLimit.PermitsPerSecond);
        Assert.Equal(1000, o.ReadRateLimit.PermitsPerSecond);
        Assert.Null(o.Chaos);
        Assert.Null(o.Randomizer);
        Assert.Same(TimeProvider.System, o.TimeProvider);
    }

    [Fact]
    public void Endpoint_rate_limiter()
    {
        var o = new EndpointRateLimiterOptions();
        Assert.Equal(1000, o.PermitsPerSecond);
        Assert.Equal(200, o.Burst);
        Assert.Equal(0, o.QueueLimit);
        Assert.Null(o.LimiterFactory);
        Assert.Equal("EndpointRateLimiter", o.Name);
    }

    [Fact]
    public void Chaos_injection()
    {
        var o = new ChaosInjectionOptions();
        Assert.Equal(0.05, o.FaultRate);
        Assert.Equal(0.05, o.OutcomeRate);
        Assert.Equal(0.05, o.LatencyRate);
        Assert.Equal(TimeSpan.FromSeconds(3), o.Latency);
        Assert.True(o.Enabled());
    }

    [Fact]
    public void Workload()
    {
        var o = new WorkloadOptions();
        Assert.Equal(50, o.WritesPerSecond);
        Assert.Equal(200, o.ReadsPerSecond);
        Assert.Equal(128, o.MaxInFlight);
        Assert.Equal(40, o.MaxPoolSize);
        Assert.Equal(2, o.ConnectTimeoutSeconds);
        Assert.Equal(10, o.CommandTimeoutSeconds);
        Assert.Equal(TimeSpan.FromSeconds(20), o.DrainTimeout);
        Assert.Equal("chaos_ledger", o.LedgerTable);
    }

    [Fact]
    public void Sampler()
    {
        var o = new ClusterSamplerOptions();
        Assert.Equal(TimeSpan.FromMilliseconds(50), o.Interval);
        Assert.Equal(4, o.MaxConcurrentObservations);
        Assert.Equal(TimeSpan.FromSeconds(3), o.ObservationTimeout);
    }

    [Fact]
    public void Runner_and_gameday()
    {
        var o = new ScenarioRunnerOptions();
        Assert.Equal(TimeSpan.FromSeconds(3), o.PreFault);
        Assert.Equal(TimeSpan.FromSeconds(2), o.PostRecovery);
        Assert.Equal(TimeSpan.FromSeconds(90), o.RollbackTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), o.LedgerTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), o.ProgressInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), o.UnobservableStop);
        Assert.Equal(0, o.Seed);
        Assert.Null(o.ConfigurePipeline);
        var g = new GamedayOptions();
        Assert.False(g.KeepPlatform);
        Assert.Null(g.SettleTimeout);
    }

    [Fact]
    public void Load_generator()
    {
        var o = new LoadGeneratorOptions();
        Assert.Equal(32, o.ClientAddresses);
        Assert.Equal(4, o.StartConnections);
        Assert.Equal(4, o.RampStep);
        Assert.Equal(TimeSpan.FromSeconds(2), o.RampInterval);
        Assert.Equal(40, o.MaxConnections);
        Assert.Equal(0.25, o.ReadShare);
        Assert.Equal(300_000, o.RowsPerQuery);
    }

    [Fact]
    public void Local_platform()
    {
        var o = new LocalPlatformOptions();
        Assert.Null(o.RepoRoot);
        Assert.Null(o.StackFilePath);
        Assert.Null(o.StateDir);
        Assert.Null(o.PortBase);
        Assert.Equal(TimeSpan.FromSeconds(180), o.StartTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), o.MaxStatusAge);
    }

    [Fact]
    public void Kubernetes_platform()
    {
        // KubeconfigPath, Context, Namespace and PrometheusUrl default to environment variables (KUBECONFIG,
        // CHAOS_KUBE_CONTEXT, CHAOS_KUBE_NAMESPACE, CHAOS_PROMETHEUS_URL), which one CLI test sets; not pinned here.
        var o = new KubernetesPlatformOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), o.KillTimeout);
        Assert.Same(TimeProvider.System, o.TimeProvider);
    }

    [Fact]
    public void Scenarios()
    {
        var replica = new ReplicaHardwareFailureOptions();
        Assert.Null(replica.Group);
        Assert.Equal(TimeSpan.FromSeconds(30), replica.RecoveryGrace);
        Assert.Equal(TimeSpan.FromSeconds(60), replica.HardDeadlineMargin);

        var primary = new PrimaryFailureOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), primary.RecoveryGrace);
        Assert.Equal(TimeSpan.FromSeconds(60), primary.HardDeadlineMargin);
        Assert.Equal(4, primary.NoPrimaryStopFactor);

        var hang = new PrimaryHangOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), hang.RecoveryGrace);
        Assert.Equal(TimeSpan.FromSeconds(3), hang.HoldAfterFailover);
        Assert.Equal(TimeSpan.FromSeconds(45), hang.RejoinTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), hang.WatchAfterRejoin);
        Assert.Equal(TimeSpan.FromSeconds(60), hang.HardDeadlineMargin);

        var overload = new PrimaryOverloadOptions();
        Assert.Equal([AlarmMetric.PrimaryCpuPercent, AlarmMetric.Connections, AlarmMetric.DbLoad], overload.AlarmMetrics);
        Assert.Equal(TimeSpan.FromSeconds(5), overload.HoldAfterAlarm);
        Assert.True(overload.StopRampAtAlarm);
        Assert.Equal(120, overload.RampCeilingWithoutAlarm);
        Assert.Equal(TimeSpan.FromSeconds(15), overload.AlarmGrace);
        Assert.True(overload.AwaitScaleOut);
        Assert.Equal(TimeSpan.FromSeconds(20), overload.ScaleOutGrace);
        Assert.Equal(TimeSpan.FromSeconds(60), overload.HardDeadlineMargin);

        var app = new AppFaultsOptions();
        Assert.Equal(0.15, app.InjectionRate);
        Assert.Equal(TimeSpan.FromSeconds(3), app.Latency);
        Assert.Equal(TimeSpan.FromSeconds(20), app.Duration);
        Assert.Equal(TimeSpan.FromSeconds(60), app.HardDeadlineMargin);
    }
}
