using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Resilience.HealthProbes;

/// <summary>How one HealthProbes instance reaches its database member and where it serves the probes.</summary>
/// <remarks>The password is never printed: this type has no generated <c>ToString</c>.</remarks>
public sealed class HealthProbesOptions
{
    /// <summary>The stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>) whose replica group holds the warm-up policy.</summary>
    /// <value>Required.</value>
    [Required(AllowEmptyStrings = false)]
    public required string StackFile { get; init; }

    /// <summary>The replica group this member belongs to.</summary>
    /// <value>Required.</value>
    [Required(AllowEmptyStrings = false)]
    public required string Group { get; init; }

    /// <summary>The member's PostgreSQL host.</summary>
    /// <value>Defaults to <c>127.0.0.1</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string PgHost { get; init; } = HealthProbesConstants.PgHost;

    /// <summary>The member's PostgreSQL port.</summary>
    /// <value>Defaults to 5432.</value>
    [Range(1, 65535)]
    public int PgPort { get; init; } = HealthProbesConstants.PgPort;

    /// <summary>The database the probes connect to.</summary>
    /// <value>Defaults to the stack's <c>database.databaseName</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public required string PgDatabase { get; init; }

    /// <summary>The role the probes and the warm-up connect as (superuser or <c>pg_monitor</c> with SELECT on the warmed relations).</summary>
    /// <value>Defaults to the stack's <c>database.masterUsername</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public required string PgUser { get; init; }

    /// <summary>The password, from <c>RESILIENCE_PGPASSWORD</c> or a 0600 <c>--pg-password-file</c>; null for none.</summary>
    /// <value>Defaults to null.</value>
    public string? PgPassword { get; init; }

    /// <summary>Where the HTTP endpoints listen.</summary>
    /// <value>Defaults to <c>127.0.0.1:8098</c>.</value>
    [Required]
    public IPEndPoint Listen { get; init; } = IPEndPoint.Parse(HealthProbesConstants.Listen);

    /// <summary>The member's own directory; the warm-up completion record is kept there.</summary>
    /// <value>Required.</value>
    [Required(AllowEmptyStrings = false)]
    public required string StateDir { get; init; }

    /// <summary>The member's Patroni REST API; when set, the member must stream from the leader it reports.</summary>
    /// <value>Defaults to null: streaming from any sender counts.</value>
    public Uri? PatroniUrl { get; init; }

    /// <summary>How long one observation of the database may take before the member counts as not answering.</summary>
    /// <value>Defaults to 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(HealthProbesConstants.ProbeTimeoutMs);

    /// <summary>How often the database is observed and the gate re-evaluated.</summary>
    /// <value>Defaults to 250 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(HealthProbesConstants.PollIntervalMs);

    /// <summary>
    /// The member's server in the HAProxy backend that routes reads by its gate: when set, a closing gate marks it
    /// down over HAProxy's admin socket before <c>/health/ready</c> answers closed (opening stays with HAProxy's check).
    /// </summary>
    /// <value>Defaults to null: HAProxy notices a closed gate at its next check.</value>
    public Routing.HaproxyServerAddress? HaproxyServer { get; init; }

    /// <summary>The data directory read by <c>fullStorageRead</c>.</summary>
    /// <value>Defaults to null: the server's <c>data_directory</c> setting.</value>
    public string? DataDirectory { get; init; }
}
