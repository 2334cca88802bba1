namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>Moving Microsoft's <see cref="FakeTimeProvider"/> the way loops that await timers need.</summary>
public static class FakeTimeSteps
{
    /// <summary>The start every test clock shares, so report timestamps are stable.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <see cref="Start"/>.</summary>
    public static FakeTimeProvider NewClock() => new(Start);

    /// <summary>Advances in small steps, letting continuations run between them (for code awaiting timers in loops).</summary>
    public static async Task AdvanceInStepsAsync(this FakeTimeProvider time, TimeSpan total, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(time);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += step)
        {
            time.Advance(step);
            await Task.Delay(1);
        }
    }
}
