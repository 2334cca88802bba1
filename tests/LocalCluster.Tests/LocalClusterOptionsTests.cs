namespace Resilience.LocalCluster.Tests;

public class LocalClusterOptionsTests
{
    [Fact]
    public void Every_default_is_pinned()
    {
        var options = new LocalClusterOptions();

        Assert.Null(options.RepoRoot);
        Assert.Null(options.StackFilePath);
        Assert.Null(options.StateDir);
        Assert.Null(options.PortBase);
        Assert.Null(options.PatroniTiming);
        Assert.Null(options.HaproxyTiming);
        Assert.Equal(TimeSpan.FromSeconds(120), options.SteadyTimeout);
        Assert.Null(options.HealthProbesPath);
        Assert.True(options.UseHealthProbes);
        Assert.True(options.FastFailoverOnMachineLoss);
        Assert.Null(options.SynchronousStandbys);
        Assert.Equal(ReplicaSource.Primary, options.ReplicaSource);
        Assert.Equal("postgres", options.ServiceUser);
        Assert.Null(options.Progress);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public void Baseline_timing_is_patronis_documented_defaults_and_its_sample_haproxy_checks()
    {
        Assert.Equal(new Topology.PatroniTiming(30, 10, 10), LocalClusterOptions.PatroniDefaultTiming);
        Assert.Equal(new Topology.HaproxyTiming(3000, 3, 2), LocalClusterOptions.HaproxySampleTiming);
    }

    [Fact]
    public void A_bad_value_fails_when_the_controller_is_created_naming_every_bad_member()
    {
        var spec = Topology.StackSpecLoader.LoadStack(TestSupport.RepoPaths.Root, "local");
        var options = new LocalClusterOptions { SynchronousStandbys = 0, SteadyTimeout = TimeSpan.Zero, PortBase = 80, ServiceUser = "" };

        var e = Assert.Throws<LocalClusterException>(() => LocalClusterController.Create(spec, options));

        Assert.Equal(LocalClusterException.BadInput, e.ExitCode);
        Assert.Equal(
            "LocalClusterOptions is invalid: PortBase must be between 1024 and 65000, got 80; SynchronousStandbys must be between 1 and 15, got 0; "
            + "SteadyTimeout must be between 00:00:01 and 1.00:00:00, got 00:00:00; ServiceUser is required",
            e.Message);
    }
}
