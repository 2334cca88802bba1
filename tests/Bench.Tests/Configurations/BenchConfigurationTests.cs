using Resilience.Bench.Configurations;
using Resilience.Topology;

namespace Resilience.Bench.Tests.Configurations;

public sealed class BenchConfigurationTests
{
    [Fact]
    public void Baseline_is_patronis_documented_defaults_and_its_sample_haproxy_timing()
    {
        var b = BenchConfiguration.Baseline();

        Assert.Equal("baseline", b.Name);
        Assert.Equal(new PatroniTiming(30, 10, 10), b.Patroni);
        Assert.Equal(new HaproxyTiming(3000, 3, 2), b.Haproxy);
        Assert.False(b.WarmupGate);
        Assert.False(b.FastFailoverOnMachineLoss);
        Assert.False(b.WriteFromLeaderKey);
        Assert.Contains("write routing: HAProxy check of Patroni /primary", b.Timing, StringComparison.Ordinal);
    }

    [Fact]
    public void Ours_takes_the_stacks_timing_and_the_warmup_gate()
    {
        var spec = StackSpecLoader.Parse(
            """
            config:
              resilience:platform: local
              resilience:local:
                patroni: { ttlSeconds: 6, loopWaitSeconds: 1, retryTimeoutSeconds: 2 }
                haproxy: { checkIntervalMs: 250, fall: 2, rise: 1 }
            """, "Pulumi.t.yaml", "t");

        var ours = BenchConfiguration.Ours(spec);
        Assert.True(ours.FastFailoverOnMachineLoss);
        Assert.True(ours.WriteFromLeaderKey);

        Assert.Equal("ours", ours.Name);
        Assert.Equal(new PatroniTiming(6, 1, 2), ours.Patroni);
        Assert.Equal(new HaproxyTiming(250, 2, 1), ours.Haproxy);
        Assert.True(ours.WarmupGate);
        Assert.Equal(ours.ClientPipeline, BenchConfiguration.Baseline().ClientPipeline);
    }
}
