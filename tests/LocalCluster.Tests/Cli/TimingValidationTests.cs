using Resilience.LocalCluster.Cli;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Cli;

public class TimingValidationTests
{
    private static readonly HaproxyTiming Checks = new(250, 2, 1);

    [Fact]
    public void Spec_and_baseline_timings_are_valid()
    {
        Assert.Null(CliCommands.TimingProblem(new PatroniTiming(6, 1, 2), Checks));
        Assert.Null(CliCommands.TimingProblem(LocalClusterOptions.PatroniDefaultTiming, LocalClusterOptions.HaproxySampleTiming));
    }

    [Fact]
    public void A_ttl_below_loop_wait_plus_two_retries_is_refused_with_the_numbers()
    {
        Assert.Equal("Patroni ttl 4 is below loop_wait + 2 x retry_timeout = 5", CliCommands.TimingProblem(new PatroniTiming(4, 1, 2), Checks));
    }

    [Fact]
    public void Check_interval_out_of_range_is_refused()
    {
        Assert.Equal("HAProxy check interval must be 50 to 60000 ms, got 10", CliCommands.TimingProblem(new PatroniTiming(6, 1, 2), new HaproxyTiming(10, 2, 1)));
    }
}
