namespace Resilience.LocalCluster;

/// <summary>
/// How a sick host starves a member of CPU: capped at <see cref="ShareOfOneCore"/> for <see cref="Starved"/> out of
/// every <see cref="Cycle"/>, the rest of the cycle uncapped (intermittent system-CPU spikes on the host, as in the
/// outage this reproduces).
/// </summary>
public sealed record CpuStarvation
{
    /// <summary>Gets the cap while starved, as a share of one core.</summary>
    /// <value>
    /// Defaults to 0.02 (2 % of a core): the cap must bite under the game-day's load, which needs only a few percent of a
    /// core on the primary. At 10 % the commits of 50 writes/s were not slowed at all (pgbench, 2026-12-01: about 1 ms
    /// starved as unstarved); at 5 % up to 140 ms in a spell, at 2 % 80-640 ms (README "Local cluster").
    /// </value>
    public double ShareOfOneCore { get; init; } = 0.02;

    /// <summary>Gets how long each starved spell lasts.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan Starved { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the length of one cycle (one starved spell, then the rest uncapped).</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan Cycle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One line saying what is wrong, or null when the pattern is usable.</summary>
    public string? Problem() =>
        ShareOfOneCore is not (> 0 and < 1) ? $"the CPU cap must be a share of one core between 0 and 1 (exclusive), got {ShareOfOneCore}"
        : Starved <= TimeSpan.Zero || Starved >= Cycle ? $"the starved spell must be positive and shorter than the cycle, got {Starved.TotalSeconds} s of {Cycle.TotalSeconds} s"
        : null;

    /// <summary>The pattern in words, for plans and reports.</summary>
    public string Describe() =>
        FormattableString.Invariant($"CPU capped at {ShareOfOneCore:P0} of a core for {Starved.TotalSeconds:0.#} s of every {Cycle.TotalSeconds:0.#} s");
}
