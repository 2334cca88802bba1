namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// A fault a platform can inject, as data: a platform declares the kinds it can inject
/// (<see cref="PlatformCapabilities.Faults"/>) and a scenario the kinds it needs, so a scenario the
/// platform cannot host is refused before anything is injected.
/// </summary>
public enum FaultKind
{
    /// <summary>The member's machine is lost: it stops at once and its storage is gone (locally SIGKILL and the data deleted).</summary>
    MachineLoss,

    /// <summary>The member's server restarts in place and comes back under the same name with a new incarnation.</summary>
    Reboot,

    /// <summary>The platform promotes a replica and demotes the primary without warning (an unplanned failover).</summary>
    Failover,

    /// <summary>
    /// A planned change of primary to the request's member (a warm replica that may take over without loss), or, when
    /// the request names the primary, to the replica the platform chooses; the platform drains the old primary first.
    /// The injected fault names the new primary, and the injection returns once it serves through the write endpoint.
    /// </summary>
    Switchover,

    /// <summary>The member's machine hangs (every process stops, connections and state kept) until lifted.</summary>
    Freeze,

    /// <summary>The member's host starves its processes of CPU in spells (a sick host), until lifted; nothing else is lost.</summary>
    CpuStarvation,

    /// <summary>
    /// The runner itself loads the write endpoint to saturation; the platform declares that it may be
    /// loaded that way and that its alarms are observable. No <see cref="IDatabasePlatform.InjectAsync"/> call.
    /// </summary>
    OverloadTarget,

    /// <summary>
    /// The runner's bad statement corrupts rows of a table through the write endpoint; the platform declares that
    /// it can repair it from its backups (it implements <see cref="IPointInTimeRestore"/>: a point-in-time copy
    /// beside the stack). No <see cref="IDatabasePlatform.InjectAsync"/> call.
    /// </summary>
    DataCorruption,

    /// <summary>
    /// Every member's machine is lost at once, storage with it; the platform can restore the stack from its backups
    /// into a new cluster (<see cref="IPointInTimeRestore.RestoreStackAsync"/>). The request's member is the primary.
    /// </summary>
    ClusterLoss,
}
