using System.CommandLine;

namespace Resilience.HealthProbes.Cli;

/// <summary>The command-line options, by name; the names are a contract with LocalCluster (keep them).</summary>
internal sealed class CliOptions
{
    public Option<string> StackFile { get; } = Text("--stack-file", "the stack file, e.g. Pulumi.local.yaml (required)");
    public Option<string> Group { get; } = Text("--group", "the member's replica group (required)");
    public Option<string> PgHost { get; } = Text("--pg-host", $"the member's PostgreSQL host (default {HealthProbesConstants.PgHost})");
    public Option<string> PgPort { get; } = Text("--pg-port", $"the member's PostgreSQL port (default {HealthProbesConstants.PgPort})");
    public Option<string> PgDatabase { get; } = Text("--pg-database", "the database the probes query (default: the stack's databaseName)");
    public Option<string> PgUser { get; } = Text("--pg-user", "the role to connect as (default: the stack's masterUsername)");
    public Option<string> PgPasswordFile { get; } = Text("--pg-password-file", $"a 0600 file holding the password (else ${HealthProbesConstants.PasswordEnvironmentVariable})");
    public Option<string> Listen { get; } = Text("--listen", $"address:port of the HTTP endpoints (default {HealthProbesConstants.Listen})");
    public Option<string> StateDir { get; } = Text("--state-dir", "the member's own directory: warm-up completion is kept there (required)");
    public Option<string> PatroniUrl { get; } = Text("--patroni-url", "the member's Patroni REST API: the member must stream from the leader it reports");
    public Option<string> ProbeTimeoutMs { get; } = Text("--probe-timeout-ms", $"how long the database may take to answer (default {HealthProbesConstants.ProbeTimeoutMs})");
    public Option<string> PollIntervalMs { get; } = Text("--poll-interval-ms", $"how often the member is observed (default {HealthProbesConstants.PollIntervalMs})");
    public Option<string> HaproxySocket { get; } = Text("--haproxy-socket", "HAProxy's admin socket: a closing gate marks --haproxy-server down at once (with --haproxy-server)");
    public Option<string> HaproxyServer { get; } = Text("--haproxy-server", "the member's server in HAProxy's read backend, backend/server, e.g. be_read/s3 (with --haproxy-socket)");
    public Option<string> DataDir { get; } = Text("--data-dir", "the data directory read by fullStorageRead (default: the server's data_directory)");
    public Option<string> LogLevel { get; } = Text("--log-level", "trace, debug, information, warning or error (default information)");

    public Option<string> Cells { get; } = Text("--cells", "the cells whose clusters the gate controls, comma-separated (default: every cell of the stack)");
    public Option<string> IamAuth { get; } = Text("--iam-auth", "true: log in to the Aurora readers with IAM database auth tokens, over TLS (default false)");
    public Option<string> PgCaFile { get; } = Text("--pg-ca-file", "a CA bundle (the RDS global bundle) to verify the database's TLS certificate and name against (required on aws stacks)");
    public Option<string> InsecureSkipTlsVerify { get; } = Text("--insecure-skip-tls-verify", "true: on aws stacks, use TLS without verifying the database's certificate, instead of --pg-ca-file (default false)");
    public Option<string> AwsEndpointUrl { get; } = Text("--aws-endpoint-url", "replaces every AWS service endpoint (a loopback stand-in in tests)");
    public Option<string> ControlPlaneIntervalMs { get; } = Text("--control-plane-interval-ms", $"least time between two reads of a cluster's control plane (default {GateController.GateControllerConstants.ControlPlaneIntervalMs})");

    /// <summary>The options of the service (the root command).</summary>
    public IEnumerable<Option> Service =>
        [StackFile, Group, PgHost, PgPort, PgDatabase, PgUser, PgPasswordFile, Listen, StateDir, PatroniUrl, ProbeTimeoutMs, PollIntervalMs, HaproxySocket, HaproxyServer, DataDir, LogLevel];

    /// <summary>The options of the gate controller (<c>healthprobes gate</c>).</summary>
    public IEnumerable<Option> Gate =>
        [StackFile, Cells, PgDatabase, PgUser, PgPasswordFile, IamAuth, PgCaFile, InsecureSkipTlsVerify, Listen, StateDir, ProbeTimeoutMs, PollIntervalMs, ControlPlaneIntervalMs, AwsEndpointUrl, LogLevel];

    /// <summary>The options of the one-shot creation of the gate's Aurora role (<c>healthprobes gate-role</c>).</summary>
    public IEnumerable<Option> GateRole => [StackFile, PgHost, PgPort, PgDatabase, PgUser, PgPasswordFile, PgCaFile, InsecureSkipTlsVerify];

    /// <summary>The options that reach the database and its policy (the benchmark).</summary>
    public IEnumerable<Option> Connection => [StackFile, Group, PgHost, PgPort, PgDatabase, PgUser, PgPasswordFile, DataDir];

    private static Option<string> Text(string name, string description) => new(name) { Description = description };
}
