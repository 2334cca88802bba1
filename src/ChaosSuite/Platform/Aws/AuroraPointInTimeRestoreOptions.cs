namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>How an Aurora point-in-time restore drill waits on RDS (restores take minutes; Describe* calls are rate-limited).</summary>
internal sealed class AuroraPointInTimeRestoreOptions
{
    /// <summary>How often the copy's cluster and instance are described while they are created or deleted.</summary>
    /// <value>Defaults to 10 s.</value>
    public TimeSpan PollInterval { get; set; } = AuroraPointInTimeRestoreConstants.PollInterval;

    /// <summary>How long the drill waits for LatestRestorableTime to pass its target (Aurora keeps it within about 5 minutes of now).</summary>
    /// <value>Defaults to 10 min.</value>
    public TimeSpan WindowWait { get; set; } = AuroraPointInTimeRestoreConstants.WindowWait;

    /// <summary>How long the copy's cluster and instance may take to become available.</summary>
    /// <value>Defaults to 60 min.</value>
    public TimeSpan CreateTimeout { get; set; } = AuroraPointInTimeRestoreConstants.CreateTimeout;

    /// <summary>How long deleting the copy retries while RDS refuses it for the cluster's state (still creating).</summary>
    /// <value>Defaults to 30 min.</value>
    public TimeSpan DeleteTimeout { get; set; } = AuroraPointInTimeRestoreConstants.DeleteTimeout;

    /// <summary>Restore as a copy-on-write clone (fast, shares the source's pages) rather than a full copy.</summary>
    /// <value>Defaults to true.</value>
    public bool CopyOnWrite { get; set; } = true;
}

internal static class AuroraPointInTimeRestoreConstants
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan WindowWait = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan DeleteTimeout = TimeSpan.FromMinutes(30);

    /// <summary>RDS identifiers: at most 63 letters, digits and hyphens.</summary>
    public const int MaxIdentifier = 63;

    /// <summary>The tag that names the drill on the copy's cluster and instance, so leftovers can be found.</summary>
    public const string DrillTag = "resilience:restore-drill";
}
