using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.State;

/// <summary>The desired and known state of one stack (<c>cluster.json</c>), shared by the CLI and the supervisor.</summary>
internal sealed class ClusterState
{
    public int Version { get; set; } = 1;
    public required string Stack { get; set; }
    public required string StackFile { get; set; }
    public required string Scope { get; set; }
    public required int PortBase { get; set; }
    public required int SlotCount { get; set; }
    public required PatroniTiming Patroni { get; set; }
    public required HaproxyTiming Haproxy { get; set; }
    public required string PgBinDir { get; set; }
    public string? ServiceUser { get; set; }
    public string? HealthProbesDll { get; set; }
    public required string GateSource { get; set; }
    public int NextMemberNumber { get; set; } = 1;
    public int LastSlot { get; set; } = -1;

    /// <summary>True after <c>down --keep</c>: members are stopped on purpose and restart in place.</summary>
    public bool Stopped { get; set; }

    /// <summary>See <see cref="LocalClusterOptions.FastFailoverOnMachineLoss"/>.</summary>
    public bool FastFailoverOnMachineLoss { get; set; } = true;

    /// <summary>
    /// See <see cref="LocalClusterOptions.WriteEndpointFromLeaderKey"/>; false in state files written before it existed,
    /// whose HAProxy configuration still checks Patroni's <c>/primary</c>.
    /// </summary>
    public bool WriteFromLeaderKey { get; set; }

    /// <summary>Patroni's <c>synchronous_node_count</c> (see <see cref="LocalClusterOptions.SynchronousStandbys"/>); 1 in state files written before it existed.</summary>
    public int SynchronousNodeCount { get; set; } = 1;

    /// <summary>See <see cref="LocalClusterOptions.ReplicaSource"/>; the primary in state files written before it existed.</summary>
    public ReplicaSource ReplicaSource { get; set; } = ReplicaSource.Primary;

    /// <summary>See <see cref="LocalClusterOptions.AutomaticBackups"/>.</summary>
    public bool AutomaticBackups { get; set; } = true;

    /// <summary>True once the stack was first steady: alarms are evaluated from then on, not while it is being built.</summary>
    public bool AlarmsArmed { get; set; }

    /// <summary>
    /// Set by a restore of the whole stack (every member lost): the next bootstrap member restores the backup
    /// repository instead of running initdb, under a new Patroni scope (the lost cluster's keys stay in etcd).
    /// </summary>
    public bool RestoreFromRepository { get; set; }

    /// <summary>How many times the whole stack was restored from its backups (names each new scope).</summary>
    public int Restores { get; set; }

    public Dictionary<string, int> DesiredByGroup { get; set; } = [];
    public List<MemberRecord> Members { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public MemberRecord? Find(string name) => Members.FirstOrDefault(m => m.Name == name);
}

/// <summary>One member as the state knows it; ports follow from the slot.</summary>
internal sealed class MemberRecord
{
    public required string Name { get; set; }
    public required string Group { get; set; }
    public required int Slot { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True while its processes are stopped (SIGSTOP).</summary>
    public bool Frozen { get; set; }

    /// <summary>True once it is known lost (killed): the supervisor cleans it up and replaces it, never restarts it.</summary>
    public bool Lost { get; set; }

    /// <summary>True while the supervisor removes it (scale-in).</summary>
    public bool Removing { get; set; }

    /// <summary>True for the member that initialized the cluster.</summary>
    public bool Bootstrap { get; set; }

    /// <summary>The bootstrap member of a restored stack: Patroni's custom bootstrap restores the repository.</summary>
    public bool FromBackup { get; set; }
}
