namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// A platform the suite may start and stop itself (the local cluster). Cloud platforms are deployed
/// by Pulumi and do not implement this: the suite never creates or destroys them.
/// </summary>
public interface IManagedPlatform
{
    /// <summary>True when the platform's processes are up (not necessarily in steady state).</summary>
    Task<bool> IsRunningAsync(CancellationToken cancellationToken);

    /// <summary>Starts the platform and waits for its steady state.</summary>
    Task StartAsync(IProgress<string> progress, CancellationToken cancellationToken);

    /// <summary>Stops everything the platform started and removes its state.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>The command a user runs to start the platform by hand, for messages.</summary>
    string StartCommandHint { get; }
}
