namespace Resilience.HealthProbes.Warmup;

/// <summary>Bounds the warm-up's read rate (<c>warmup.ioRateMbPerSecond</c>, 1 MB = 1,000,000 bytes; 0 = unbounded).</summary>
internal static class IoPacer
{
    private const long MinChunkBytes = 64 * 1024;

    /// <summary>How long to wait before reading on, having read <paramref name="bytesDone"/> in <paramref name="elapsed"/>.</summary>
    public static TimeSpan DelayBefore(long bytesDone, TimeSpan elapsed, double mbPerSecond)
    {
        if (mbPerSecond <= 0)
        {
            return TimeSpan.Zero;
        }

        var due = TimeSpan.FromSeconds(bytesDone / (mbPerSecond * 1e6));
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }

    /// <summary>Bytes per read: a quarter second's worth when paced (so the rate is smooth), else <paramref name="maxChunkBytes"/>.</summary>
    public static long ChunkBytes(double mbPerSecond, long maxChunkBytes) =>
        mbPerSecond <= 0 ? maxChunkBytes : Math.Clamp((long)(mbPerSecond * 1e6 / 4), MinChunkBytes, maxChunkBytes);
}
