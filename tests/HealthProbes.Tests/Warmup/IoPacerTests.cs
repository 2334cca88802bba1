using Resilience.HealthProbes.Warmup;

namespace Resilience.HealthProbes.Tests.Warmup;

public sealed class IoPacerTests
{
    [Fact]
    public void Unbounded_never_waits() => Assert.Equal(TimeSpan.Zero, IoPacer.DelayBefore(10_000_000_000, TimeSpan.Zero, 0));

    [Theory]
    [InlineData(10_000_000, 0.0, 10, 1.0)] // 10 MB at 10 MB/s is due at 1 s: wait all of it
    [InlineData(10_000_000, 0.4, 10, 0.6)]
    [InlineData(10_000_000, 1.0, 10, 0.0)]
    [InlineData(10_000_000, 3.0, 10, 0.0)] // behind schedule: no wait, no burst credit needed
    [InlineData(5_000_000, 0.0, 2.5, 2.0)]
    public void Waits_until_the_bytes_are_due(long bytes, double elapsedSeconds, double mbPerSecond, double expectedSeconds) =>
        Assert.Equal(expectedSeconds, IoPacer.DelayBefore(bytes, TimeSpan.FromSeconds(elapsedSeconds), mbPerSecond).TotalSeconds, precision: 6);

    [Theory]
    [InlineData(0, 4_194_304)]
    [InlineData(8, 2_000_000)]
    [InlineData(100, 4_194_304)]
    [InlineData(0.1, 65_536)]
    public void Chunks_are_a_quarter_second_of_the_rate_within_bounds(double mbPerSecond, long expected) =>
        Assert.Equal(expected, IoPacer.ChunkBytes(mbPerSecond, 4_194_304));
}
