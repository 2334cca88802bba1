using Resilience.ChaosSuite.Gameday;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.Gameday;

public class GamedayTests
{
    private static Task<Resilience.ChaosSuite.Verdicts.RunResult> Run(FakePlatform platform, bool keep) =>
        new GamedayRun(Stacks.Local(), platform, new RunClock(TimeProvider.System), new GamedayOptions { KeepPlatform = keep }, SilentProgress.Instance)
            .RunAsync([], CancellationToken.None);

    [Fact]
    public async Task Starts_a_managed_platform_that_is_not_running_and_stops_it_at_the_end()
    {
        var platform = new FakePlatform { Running = false };

        await Run(platform, keep: false);

        Assert.Equal(["start", "stop"], platform.Calls);
    }

    [Fact]
    public async Task Keep_leaves_the_started_platform_running()
    {
        var platform = new FakePlatform { Running = false };

        await Run(platform, keep: true);

        Assert.Equal(["start"], platform.Calls);
        Assert.True(platform.Running);
    }

    [Fact]
    public async Task Never_stops_a_platform_it_did_not_start()
    {
        var platform = new FakePlatform { Running = true };

        await Run(platform, keep: false);

        Assert.Empty(platform.Calls);
    }
}
