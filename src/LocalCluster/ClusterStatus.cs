namespace Resilience.LocalCluster;

/// <summary>What a local cluster is doing now, as observed from its processes, Patroni, HAProxy and the supervisor.</summary>
/// <param name="Stack">The stack name.</param>
/// <param name="StateDir">Where its state, secrets and logs are.</param>
/// <param name="SupervisorPid">The supervisor's pid while it runs, else null.</param>
/// <param name="IsSteady">Primary up, every group at its desired count, every replica warm and in the read endpoint.</param>
/// <param name="NotSteadyReasons">Why it is not steady, one line each; empty when steady.</param>
/// <param name="WriteEndpoint">HAProxy's write endpoint: routes to the Patroni leader.</param>
/// <param name="ReadEndpoint">HAProxy's read endpoint: round robin over replicas whose warm-up gate is open.</param>
/// <param name="Members">Every member, primary first.</param>
/// <param name="Groups">Every group, including the writer's pseudo-group <c>primary</c>.</param>
/// <param name="Alarms">The supervisor's alarm states.</param>
/// <param name="Logs">Log files by process name (<c>supervisor</c>, <c>etcd</c>, <c>haproxy</c>, <c>&lt;member&gt;/patroni</c>, ...).</param>
/// <param name="AlarmLogPath">JSON lines, one per alarm state change.</param>
/// <param name="EventLogPath">JSON lines, one per supervisor action (member lost, created, removed, scaled).</param>
/// <param name="GateSource">What the read endpoint's check asks: <c>healthprobes</c> (/health/ready) or <c>patroni</c> (/replica?lag=).</param>
/// <param name="ObservedAt">When this was observed.</param>
public sealed record ClusterStatus(
    string Stack,
    string StateDir,
    int? SupervisorPid,
    bool IsSteady,
    IReadOnlyList<string> NotSteadyReasons,
    EndpointAddress WriteEndpoint,
    EndpointAddress ReadEndpoint,
    IReadOnlyList<MemberStatus> Members,
    IReadOnlyList<GroupStatus> Groups,
    IReadOnlyList<AlarmStatus> Alarms,
    IReadOnlyDictionary<string, string> Logs,
    string AlarmLogPath,
    string EventLogPath,
    string GateSource,
    DateTimeOffset ObservedAt)
{
    /// <summary>While no member holds Patroni's leader lock: why, and what promoting the best remaining member would lose.</summary>
    public FailoverAssessment? Failover { get; init; }

    /// <summary>True while the supervisor runs.</summary>
    public bool IsRunning => SupervisorPid is not null;

    /// <summary>The member Patroni reports as the running leader, or null.</summary>
    public MemberStatus? Primary => Members.FirstOrDefault(m => m.Role == MemberRole.Primary && m.State == MemberState.Running);

    /// <summary>Replicas whose gate is open and that the read endpoint routes to.</summary>
    public IReadOnlyList<MemberStatus> WarmReplicas =>
        Members.Where(m => m.Role == MemberRole.Replica && m.GateOpen && m.InReadEndpoint).ToList();

    /// <summary>The member named <paramref name="name"/>, or null.</summary>
    public MemberStatus? FindMember(string name) => Members.FirstOrDefault(m => m.Name == name);
}

/// <summary>One database member: a Patroni + PostgreSQL + HealthProbes "machine".</summary>
/// <param name="Name">Unique for the life of the stack: a replacement gets a new name.</param>
/// <param name="Group">The replica group it counts towards (<c>primary</c> for the writer's own slot).</param>
/// <param name="Role">Primary or replica, as Patroni reports it.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="PatroniState">Patroni's own state word (<c>running</c>, <c>streaming</c>, <c>starting</c>, ...), when known.</param>
/// <param name="Timeline">PostgreSQL timeline, when known.</param>
/// <param name="LagBytes">Replay lag behind the primary in bytes (replicas), from <c>pg_stat_replication</c>.</param>
/// <param name="LagSeconds">Replay lag in seconds (replicas), from <c>pg_stat_replication.replay_lag</c>; 0 when caught up.</param>
/// <param name="IsSynchronous">True for the synchronous standby.</param>
/// <param name="GateOpen">The warm-up gate answers 200.</param>
/// <param name="InWriteEndpoint">HAProxy's write backend has it UP.</param>
/// <param name="InReadEndpoint">HAProxy's read backend has it UP.</param>
/// <param name="Ports">Its ports.</param>
/// <param name="Pid">Patroni's pid (the member's main process), while alive.</param>
/// <param name="PostgresPid">The postmaster's pid, while alive.</param>
/// <param name="ProbePid">HealthProbes' pid, while alive.</param>
/// <param name="CpuPercent">CPU of the whole member (percent of one core), as last sampled by the supervisor.</param>
/// <param name="DataDir">PostgreSQL's data directory.</param>
/// <param name="CreatedAt">When the member was created.</param>
public sealed record MemberStatus(
    string Name,
    string Group,
    MemberRole Role,
    MemberState State,
    string? PatroniState,
    int? Timeline,
    long? LagBytes,
    double? LagSeconds,
    bool IsSynchronous,
    bool GateOpen,
    bool InWriteEndpoint,
    bool InReadEndpoint,
    MemberPorts Ports,
    int? Pid,
    int? PostgresPid,
    int? ProbePid,
    double? CpuPercent,
    string DataDir,
    DateTimeOffset CreatedAt);

/// <summary>A member's ports on 127.0.0.1.</summary>
/// <param name="Postgres">PostgreSQL.</param>
/// <param name="Patroni">Patroni's REST API.</param>
/// <param name="Probe">HealthProbes.</param>
public sealed record MemberPorts(int Postgres, int Patroni, int Probe);

/// <summary>Who the member is to clients.</summary>
public enum MemberRole
{
    /// <summary>Not known (not started, frozen, lost, or Patroni unreachable).</summary>
    Unknown,

    /// <summary>The writable leader.</summary>
    Primary,

    /// <summary>A streaming read-only replica.</summary>
    Replica,
}

/// <summary>A member's lifecycle state.</summary>
public enum MemberState
{
    /// <summary>Created; PostgreSQL is being initialized, copied or started.</summary>
    Starting,

    /// <summary>PostgreSQL runs (a primary accepting writes, or a replica streaming).</summary>
    Running,

    /// <summary>Its processes are stopped (SIGSTOP): a hung machine.</summary>
    Frozen,

    /// <summary>Its processes are gone; the supervisor removes and replaces it.</summary>
    Lost,

    /// <summary>Stopped on purpose (<c>down --keep</c>).</summary>
    Stopped,

    /// <summary>Patroni runs but PostgreSQL is not running or not streaming.</summary>
    Unhealthy,
}

/// <summary>A replica group's size.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Desired">Desired count now (the spec's, changed by <c>scale</c> and autoscaling).</param>
/// <param name="Min">The spec's minimum.</param>
/// <param name="Max">The spec's maximum.</param>
/// <param name="Members">Members it has (any state but lost).</param>
/// <param name="WarmReplicas">Its replicas with an open gate in the read endpoint.</param>
public sealed record GroupStatus(string Name, int Desired, int Min, int Max, int Members, int WarmReplicas);

/// <summary>One alarm's state as the supervisor evaluates it.</summary>
/// <param name="Name">Alarm name from the spec.</param>
/// <param name="Metric">Metric name (camelCase as in the spec).</param>
/// <param name="State">Current state.</param>
/// <param name="Threshold">The spec's threshold.</param>
/// <param name="LastValue">The last evaluated period's value, when there was one.</param>
/// <param name="Since">When it entered the state.</param>
public sealed record AlarmStatus(string Name, string Metric, AlarmState State, double Threshold, double? LastValue, DateTimeOffset? Since);

/// <summary>CloudWatch-like alarm states.</summary>
public enum AlarmState
{
    /// <summary>Not enough periods with data yet, or the metric is not measured locally.</summary>
    InsufficientData,

    /// <summary>Within threshold.</summary>
    Ok,

    /// <summary>Breached for the configured number of periods.</summary>
    Alarm,
}

/// <summary>A TCP endpoint on loopback.</summary>
/// <param name="Host">Host (127.0.0.1).</param>
/// <param name="Port">Port.</param>
public sealed record EndpointAddress(string Host, int Port)
{
    /// <summary>host:port.</summary>
    public override string ToString() => $"{Host}:{Port}";
}
