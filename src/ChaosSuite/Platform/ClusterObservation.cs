namespace Resilience.ChaosSuite.Platform;

/// <summary>What the platform reported at one instant: its members, the endpoints' routing, its alarms.</summary>
/// <param name="Members">Every member the platform knows, including ones starting or lost.</param>
/// <param name="Alarms">Every alarm of the stack with its state.</param>
/// <param name="FailoverEpoch">
/// A counter that rises on every promotion (PostgreSQL's timeline locally), or null when the platform
/// has none; it catches promotions between two observations.
/// </param>
/// <param name="Staleness">
/// How much older than the endpoints' routing the rest of the observation (roles, gates, alarms) may be,
/// when the platform reads them at different rates; null when everything was read together.
/// </param>
public sealed record ClusterObservation(
    IReadOnlyList<MemberObservation> Members,
    IReadOnlyList<AlarmObservation> Alarms,
    long? FailoverEpoch,
    TimeSpan? Staleness = null)
{
    /// <summary>The running member that is primary, or null during a failover (or when two claim it).</summary>
    public MemberObservation? Primary
    {
        get
        {
            var primaries = Members.Where(m => m.Role == MemberRole.Primary && m.Health == MemberHealth.Running).ToList();
            return primaries.Count == 1 ? primaries[0] : null;
        }
    }

    /// <summary>Running members that claim to be primary; more than one is a split brain.</summary>
    public int PrimaryCount => Members.Count(m => m.Role == MemberRole.Primary && m.Health == MemberHealth.Running);

    /// <summary>Replicas of <paramref name="group"/> (every group when null).</summary>
    public IEnumerable<MemberObservation> Replicas(string? group = null) =>
        Members.Where(m => m.Role == MemberRole.Replica && (group is null || m.Group == group));

    /// <summary>Replicas whose gate is open and that the read endpoint routes to.</summary>
    public int WarmRoutedReplicas => Replicas().Count(m => m.Health == MemberHealth.Running && m.GateOpen && m.InReadEndpoint);

    /// <summary>The member with this name, or null.</summary>
    public MemberObservation? Find(string name) => Members.FirstOrDefault(m => m.Name == name);

    /// <summary>The member with this incarnation key (<see cref="MemberObservation.IncarnationKey"/>), or null.</summary>
    public MemberObservation? FindIncarnation(string incarnationKey) => Members.FirstOrDefault(m => m.IncarnationKey == incarnationKey);

    /// <summary>The member answering as <paramref name="serverIdentity"/>, or null.</summary>
    public MemberObservation? FindByIdentity(string serverIdentity) =>
        Members.FirstOrDefault(m => m.ServerIdentity == serverIdentity);

    /// <summary>Alarms in ALARM state.</summary>
    public IEnumerable<AlarmObservation> Firing => Alarms.Where(a => a.State == AlarmState.Alarm);
}

/// <summary>One member (a database machine, instance or pod) as the platform sees it.</summary>
/// <param name="Name">
/// The member's name. Not its identity: Aurora reboots and fails over instances under the same identifier
/// (see <paramref name="Incarnation"/>).
/// </param>
/// <param name="Group">The replica group it belongs to, or null (e.g. the bootstrap primary).</param>
/// <param name="Role">Primary or replica.</param>
/// <param name="Health">Whether it runs.</param>
/// <param name="GateOpen">True when its warm-up gate is open (a primary's is open by definition).</param>
/// <param name="InReadEndpoint">True when the read endpoint currently routes to it.</param>
/// <param name="InWriteEndpoint">True when the write endpoint currently routes to it.</param>
/// <param name="LagSeconds">Replay lag of a replica, when known.</param>
/// <param name="ServerIdentity">What <see cref="IDatabasePlatform.ServerIdentitySql"/> returns on it.</param>
/// <param name="DirectEndpoint">Where to reach this member alone, when the platform allows it.</param>
/// <param name="CpuPercent">The member's CPU in percent of one core, when the platform measures it.</param>
/// <param name="Incarnation">
/// What changes when the member is replaced or restarted, even under the same name: the machine's creation
/// time locally (a replacement also gets a new name), the instance's create time and
/// <c>pg_postmaster_start_time()</c> on Aurora. Null when the name alone identifies it.
/// </param>
/// <param name="Injectable">
/// The faults the platform can inject into this member, when not every fault it offers (an Aurora reader is
/// rebooted only by a template that targets it; the failover target is none's). Null: every fault of
/// <see cref="PlatformCapabilities.Faults"/>. Scenarios pick their victims among the members that can suffer the fault.
/// </param>
public sealed record MemberObservation(
    string Name,
    string? Group,
    MemberRole Role,
    MemberHealth Health,
    bool GateOpen,
    bool InReadEndpoint,
    bool InWriteEndpoint,
    double? LagSeconds,
    string ServerIdentity,
    DatabaseEndpoint? DirectEndpoint,
    double? CpuPercent = null,
    string? Incarnation = null,
    IReadOnlySet<FaultKind>? Injectable = null)
{
    /// <summary>True when the platform can inject <paramref name="kind"/> into this member.</summary>
    public bool CanSuffer(FaultKind kind) => Injectable is null || Injectable.Contains(kind);

    /// <summary>The member's identity: its name and incarnation. A member with a key not seen before the fault is a new member (warm-up and replacement are measured on it).</summary>
    public string IncarnationKey => Incarnation is null ? Name : $"{Name}@{Incarnation}";
}

/// <summary>A member's role in replication.</summary>
public enum MemberRole
{
    /// <summary>Not known (starting, unreachable).</summary>
    Unknown,

    /// <summary>Accepts writes.</summary>
    Primary,

    /// <summary>Streams from the primary; read-only.</summary>
    Replica,
}

/// <summary>Whether a member runs.</summary>
public enum MemberHealth
{
    /// <summary>Running and answering.</summary>
    Running,

    /// <summary>Being created, copying data, or starting.</summary>
    Starting,

    /// <summary>Not answering (hung, frozen, crashed, or its machine lost).</summary>
    Down,
}

/// <summary>An alarm's state.</summary>
/// <param name="Name">The alarm's name in the stack file.</param>
/// <param name="State">Its state.</param>
public sealed record AlarmObservation(string Name, AlarmState State);

/// <summary>The states of an alarm, as CloudWatch names them.</summary>
public enum AlarmState
{
    /// <summary>Not enough data yet.</summary>
    InsufficientData,

    /// <summary>Within threshold.</summary>
    Ok,

    /// <summary>Breached for the evaluation periods.</summary>
    Alarm,
}
