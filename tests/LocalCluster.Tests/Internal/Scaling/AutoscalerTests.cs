using Microsoft.Extensions.Time.Testing;
using Resilience.LocalCluster.Internal.Scaling;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Scaling;

public class AutoscalerTests
{
    private static readonly AutoscalingSpec Spec = new(TargetCpuPercent: 70, SustainSeconds: 30, ScaleInCooldownSeconds: 300);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 3, 0, 0, TimeSpan.Zero));

    private int Run(Autoscaler scaler, double cpu, int desired, int seconds)
    {
        var total = 0;
        for (var i = 0; i < seconds; i++)
        {
            total += scaler.Decide(cpu, desired + total, _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        return total;
    }

    [Fact]
    public void Scales_out_once_cpu_stays_above_target_for_the_sustain_period()
    {
        var scaler = new Autoscaler(Spec, floor: 2, max: 3);

        Assert.Equal(0, Run(scaler, 90, desired: 2, seconds: 30));
        Assert.Equal(1, scaler.Decide(90, 2, _time.GetUtcNow()));
    }

    [Fact]
    public void A_dip_below_target_restarts_the_sustain_period()
    {
        var scaler = new Autoscaler(Spec, floor: 2, max: 3);

        Run(scaler, 90, desired: 2, seconds: 20);
        Run(scaler, 50, desired: 2, seconds: 1);

        Assert.Equal(0, Run(scaler, 90, desired: 2, seconds: 29));
    }

    [Fact]
    public void Never_above_max()
    {
        var scaler = new Autoscaler(Spec, floor: 2, max: 3);

        Assert.Equal(1, Run(scaler, 99, desired: 2, seconds: 200));
    }

    [Fact]
    public void Scales_in_after_the_cooldown_below_half_the_target_but_not_below_the_floor()
    {
        var scaler = new Autoscaler(Spec, floor: 2, max: 3);

        Assert.Equal(0, Run(scaler, 10, desired: 3, seconds: 300));
        Assert.Equal(-1, scaler.Decide(10, 3, _time.GetUtcNow()));
        Assert.Equal(0, Run(scaler, 10, desired: 2, seconds: 1000));
    }

    [Fact]
    public void Between_half_and_full_target_nothing_changes()
    {
        var scaler = new Autoscaler(Spec, floor: 1, max: 3);

        Assert.Equal(0, Run(scaler, 50, desired: 2, seconds: 1000));
    }
}
