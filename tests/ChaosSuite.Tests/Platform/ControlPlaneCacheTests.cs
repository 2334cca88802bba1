using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Platform;

public class ControlPlaneCacheTests
{
    [Fact]
    public async Task Reads_no_more_often_than_the_declared_interval_and_reports_the_age()
    {
        var time = FakeTimeSteps.NewClock();
        var reads = 0;
        await using var cache = new ControlPlaneCache<string>(_ => Task.FromResult($"read {Interlocked.Increment(ref reads)}"), TimeSpan.FromSeconds(1), time);

        var first = await cache.LatestAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(400));
        var second = await cache.LatestAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal("read 1", first.Value);
        Assert.Equal("read 1", second.Value);
        Assert.Equal(TimeSpan.FromMilliseconds(400), second.Age);
        Assert.Equal(1, Volatile.Read(ref reads));

        // Past the interval the background loop reads again; the observer never waits for it while the newest is fresh enough.
        time.Advance(TimeSpan.FromMilliseconds(600));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Volatile.Read(ref reads) < 2)
        {
            await Task.Delay(10, deadline.Token);
        }

        Assert.Equal(2, Volatile.Read(ref reads));
    }

    [Fact]
    public async Task A_read_after_a_request_waits_for_one_that_began_after_it_at_the_declared_interval()
    {
        var time = FakeTimeSteps.NewClock();
        var reads = 0;
        await using var cache = new ControlPlaneCache<string>(_ => Task.FromResult($"read {Interlocked.Increment(ref reads)}"), TimeSpan.FromSeconds(1), time);
        Assert.Equal("read 1", (await cache.LatestAsync(TimeSpan.FromSeconds(5), CancellationToken.None)).Value);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var requested = time.GetTimestamp();
        var after = cache.ReadAfterAsync(requested, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(after.IsCompleted, "read 1 began before the request");
        Assert.Equal(1, Volatile.Read(ref reads));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("read 2", await after.WaitAsync(TimeSpan.FromSeconds(10)));
        // The newest read after the request is answered at once, without another read.
        Assert.Equal("read 2", await cache.ReadAfterAsync(requested, CancellationToken.None));
        Assert.Equal(2, Volatile.Read(ref reads));
    }

    [Fact]
    public async Task A_failing_read_reaches_the_observer_with_its_own_message()
    {
        await using var cache = new ControlPlaneCache<string>(_ => Task.FromException<string>(new PlatformException("Throttling: Rate exceeded")), TimeSpan.FromSeconds(1), FakeTimeSteps.NewClock());

        var error = await Assert.ThrowsAsync<PlatformException>(() => cache.LatestAsync(TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Equal("Throttling: Rate exceeded", error.Message);
    }
}
