using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.Timeline;

public class ClusterSamplerTests
{
    [Fact]
    public async Task Samples_at_20_Hz_on_the_run_clock()
    {
        var time = FakeTimeSteps.NewClock();
        var timeline = new ScenarioTimeline(new RunClock(time));
        var platform = new FakePlatform();
        await using (var sampler = new ClusterSampler(platform, timeline))
        {
            sampler.Start();
            await WaitUntil(() => timeline.Snapshot().Samples.Count >= 1);
            await time.AdvanceInStepsAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));
            await WaitUntil(() => timeline.Snapshot().Samples.Count >= 41);
        }

        var samples = timeline.Snapshot().Samples;
        Assert.InRange(samples.Count, 41, 42);
        // The fake clock moves in 10 ms steps while continuations run, so one gap may shift by a step; the schedule does not drift.
        Assert.All(samples.Zip(samples.Skip(1)), pair => Assert.InRange(pair.Second.At - pair.First.At, 0.039, 0.061));
        Assert.Equal(0.05, (samples[^1].At - samples[0].At) / (samples.Count - 1), precision: 2);
    }

    [Fact]
    public async Task WaitFor_returns_the_first_observation_satisfying_the_condition()
    {
        var time = FakeTimeSteps.NewClock();
        var timeline = new ScenarioTimeline(new RunClock(time));
        var platform = new FakePlatform();
        await using var sampler = new ClusterSampler(platform, timeline);
        sampler.Start();
        var waiting = sampler.WaitForAsync(o => o.Find("pg-2") is null, 0, TimeSpan.FromSeconds(10), CancellationToken.None);

        await time.AdvanceInStepsAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10));
        Assert.False(waiting.IsCompleted);
        platform.Current = Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-3"));
        await time.AdvanceInStepsAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(10));

        var sample = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(sample);
        Assert.InRange(sample.At, 1.0, 1.1);
    }

    [Fact]
    public async Task WaitFor_gives_up_after_its_timeout_on_the_run_clock()
    {
        var time = FakeTimeSteps.NewClock();
        var timeline = new ScenarioTimeline(new RunClock(time));
        await using var sampler = new ClusterSampler(new FakePlatform(), timeline);
        sampler.Start();
        var waiting = sampler.WaitForAsync(_ => false, 0, TimeSpan.FromSeconds(3), CancellationToken.None);

        await time.AdvanceInStepsAsync(TimeSpan.FromSeconds(3.2), TimeSpan.FromMilliseconds(50));

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Failed_observations_are_counted_not_recorded()
    {
        var time = FakeTimeSteps.NewClock();
        var timeline = new ScenarioTimeline(new RunClock(time));
        var platform = new FakePlatform { ObserveFailure = new PlatformException("status unavailable") };
        await using (var sampler = new ClusterSampler(platform, timeline))
        {
            sampler.Start();
            await time.AdvanceInStepsAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(10));
            await WaitUntil(() => sampler.Failures >= 5);
            Assert.Equal("status unavailable", sampler.LastError);
        }

        Assert.Empty(timeline.Snapshot().Samples);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached");
    }
}
