using Resilience.HealthProbes.Warmup;

namespace Resilience.HealthProbes.Tests.Warmup;

public sealed class WarmupViewTests
{
    [Fact]
    public void Running_reads_as_the_issue_says()
    {
        var view = WarmupView.Waiting with { Phase = WarmupPhase.Running, BytesDone = 861_000_000, BytesTotal = 2_100_000_000 };

        Assert.Equal("warming: 41% of 2.1 GB", view.Summary);
        Assert.Equal(0.41, view.Ratio, precision: 3);
    }

    [Theory]
    [InlineData(WarmupPhase.Waiting, "warming: not started (waits for the member to run as a replica)")]
    [InlineData(WarmupPhase.Planning, "warming: planning")]
    [InlineData(WarmupPhase.Complete, "warm")]
    public void Every_phase_has_a_summary(WarmupPhase phase, string summary) =>
        Assert.Equal(summary, (WarmupView.Waiting with { Phase = phase }).Summary);

    [Fact]
    public void A_failure_names_its_cause() =>
        Assert.Equal(
            "warming failed, retrying: pg_prewarm is not installed",
            (WarmupView.Waiting with { Phase = WarmupPhase.Failed, Error = "pg_prewarm is not installed" }).Summary);

    [Fact]
    public void Complete_is_100_percent_even_with_nothing_to_read() =>
        Assert.Equal(1, (WarmupView.Waiting with { Phase = WarmupPhase.Complete }).Ratio);

    [Fact]
    public void Throughput_is_known_only_for_a_run_that_read_now()
    {
        var complete = WarmupView.Waiting with { Phase = WarmupPhase.Complete, BytesTotal = 50_000_000, DurationSeconds = 2 };

        Assert.Equal(25_000_000, complete.BytesPerSecond);
        Assert.Null((complete with { Restored = true }).BytesPerSecond);
    }
}
