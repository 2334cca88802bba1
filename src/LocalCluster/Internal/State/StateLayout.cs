namespace Resilience.LocalCluster.Internal.State;

/// <summary>Every path in a stack's state directory.</summary>
internal sealed record StateLayout(string Root)
{
    public string ClusterFile => Path.Combine(Root, "cluster.json");
    public string LockFile => Path.Combine(Root, ".lock");
    public string SecretsDir => Path.Combine(Root, "secrets");
    public string LogsDir => Path.Combine(Root, "logs");
    public string SupervisorPid => Path.Combine(Root, "supervisor.pid");
    public string SupervisorLog => Path.Combine(LogsDir, "supervisor.log");
    public string SupervisorStatus => Path.Combine(Root, "supervisor-status.json");
    public string EtcdDir => Path.Combine(Root, "etcd");
    public string EtcdData => Path.Combine(EtcdDir, "data");
    public string EtcdPid => Path.Combine(EtcdDir, "etcd.pid");
    public string EtcdLog => Path.Combine(LogsDir, "etcd.log");
    public string HaproxyDir => Path.Combine(Root, "haproxy");
    public string HaproxyConfig => Path.Combine(HaproxyDir, "haproxy.cfg");
    public string HaproxyServerState => Path.Combine(HaproxyDir, "servers.state");
    public string HaproxySocket => Path.Combine(HaproxyDir, "admin.sock");
    public string HaproxyPid => Path.Combine(HaproxyDir, "haproxy.pid");
    public string HaproxyLog => Path.Combine(LogsDir, "haproxy.log");
    public string BootstrapScript => Path.Combine(Root, "bootstrap", "post_bootstrap.sh");
    public string MembersDir => Path.Combine(Root, "members");
    public string AlarmLog => Path.Combine(Root, "alarms.jsonl");
    public string AlarmStates => Path.Combine(Root, "alarms.json");
    public string EventLog => Path.Combine(Root, "events.jsonl");

    public string SupervisorBin => Path.Combine(Root, "bin", "supervisor");
    public string HealthProbesBin => Path.Combine(Root, "bin", "healthprobes");

    public string Secret(string name) => Path.Combine(SecretsDir, name + ".password");

    public MemberLayout Member(string name) => new(Path.Combine(MembersDir, name), Path.Combine(LogsDir, name));
}

/// <summary>The paths of one member.</summary>
internal sealed record MemberLayout(string Root, string LogsDir)
{
    public string DataDir => Path.Combine(Root, "data");
    public string PatroniConfig => Path.Combine(Root, "patroni.yml");
    public string PatroniPid => Path.Combine(Root, "patroni.pid");
    public string PatroniLog => Path.Combine(LogsDir, "patroni.log");
    public string PgPass => Path.Combine(Root, "pgpass");
    public string ProbeDir => Path.Combine(Root, "probe");
    public string ProbePid => Path.Combine(Root, "probe.pid");
    public string ProbeLog => Path.Combine(LogsDir, "healthprobes.log");
    public string LostMarker => Path.Combine(Root, "LOST");
}
