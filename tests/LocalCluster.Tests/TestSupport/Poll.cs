using System.Diagnostics;

namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>Poll-with-deadline: waits for a condition, never for luck; the failure names what was awaited.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until <paramref name="condition"/> returns non-null; returns it.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> condition, TimeSpan timeout, string awaited)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < timeout)
        {
            try
            {
                if (await condition() is { } result)
                {
                    return result;
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException($"not within {timeout.TotalSeconds:0} s: {awaited}{(last is null ? "" : $" (last error: {last.Message})")}");
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string awaited) =>
        UntilAsync<object>(async () => await condition() ? new object() : null, timeout, awaited);
}
