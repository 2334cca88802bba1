namespace Resilience.ChaosSuite.Scenarios.AppFaults;

/// <summary>Settings of <see cref="AppFaults"/>.</summary>
internal sealed class AppFaultsOptions
{
    /// <summary>
    /// Gets or sets the share of attempts that get an injected fault, split evenly between a broken connection
    /// (Simmy fault), a retryable server error (Simmy outcome) and a delay longer than the attempt timeout (Simmy latency).
    /// </summary>
    /// <value>Defaults to 0.15.</value>
    public double InjectionRate { get; set; } = AppFaultsConstants.InjectionRate;

    /// <summary>Gets or sets the injected delay.</summary>
    /// <value>Defaults to 3 seconds (the attempt timeout is 2).</value>
    public TimeSpan Latency { get; set; } = AppFaultsConstants.Latency;

    /// <summary>Gets or sets how long faults are injected.</summary>
    /// <value>Defaults to 20 seconds.</value>
    public TimeSpan Duration { get; set; } = AppFaultsConstants.Duration;

    /// <summary>Gets or sets the time beyond the duration after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = AppFaultsConstants.HardDeadlineMargin;
}
