using Resilience.ChaosSuite.Scenarios;

namespace Resilience.ChaosSuite.Gameday;

/// <summary>Settings of a game-day: the scenarios in order, each from steady state.</summary>
internal sealed class GamedayOptions
{
    /// <summary>Gets or sets whether a platform the game-day started is left running at the end.</summary>
    /// <value>Defaults to false: stopped (a platform that was already running is never stopped).</value>
    public bool KeepPlatform { get; set; }

    /// <summary>Gets or sets how long to wait before each scenario for every group to be back at its desired count, warm, with no alarm firing.</summary>
    /// <value>Defaults to null: the platform's declared <see cref="Platform.PlatformCapabilities.SettleBudget"/> (180 s locally); past it the scenario's own guard decides.</value>
    public TimeSpan? SettleTimeout { get; set; }

    /// <summary>Gets or sets what every scenario run shares (seed, workload, timing).</summary>
    /// <value>Defaults to the runner's defaults.</value>
    public ScenarioRunnerOptions Runner { get; set; } = new();
}
