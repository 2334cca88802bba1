using System.ComponentModel.DataAnnotations;
namespace Resilience.ChaosSuite.Workload;

/// <summary>The client side of every scenario: a steady stream of writes and reads.</summary>
internal sealed class WorkloadOptions
{
    /// <summary>Gets or sets the writes started per second through the write endpoint.</summary>
    /// <value>Defaults to 50.</value>
    [Range(0, 100_000)]
    public int WritesPerSecond { get; set; } = WorkloadConstants.WritesPerSecond;

    /// <summary>Gets or sets the reads started per second through the read endpoint.</summary>
    /// <value>Defaults to 200.</value>
    [Range(0, 100_000)]
    public int ReadsPerSecond { get; set; } = WorkloadConstants.ReadsPerSecond;

    /// <summary>
    /// Gets or sets how many operations of one kind may be in flight; beyond it a due operation is not
    /// started (counted as not started), as an application's worker pool would behave.
    /// </summary>
    /// <value>Defaults to 128.</value>
    [Range(1, 100_000)]
    public int MaxInFlight { get; set; } = WorkloadConstants.MaxInFlight;

    /// <summary>Gets or sets the connection pool size per endpoint.</summary>
    /// <value>Defaults to 40.</value>
    [Range(1, 10_000)]
    public int MaxPoolSize { get; set; } = WorkloadConstants.MaxPoolSize;

    /// <summary>Gets or sets how long opening one connection may take, in seconds.</summary>
    /// <value>Defaults to 2.</value>
    [Range(1, 1024)]
    public int ConnectTimeoutSeconds { get; set; } = WorkloadConstants.ConnectTimeoutSeconds;

    /// <summary>Gets or sets the socket-level command timeout, in seconds (the pipeline's attempt timeout is shorter).</summary>
    /// <value>Defaults to 10.</value>
    [Range(0, 3600)]
    public int CommandTimeoutSeconds { get; set; } = WorkloadConstants.CommandTimeoutSeconds;

    /// <summary>Gets or sets how long stopping waits for operations in flight before abandoning them.</summary>
    /// <value>Defaults to 20 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = WorkloadConstants.DrainTimeout;

    /// <summary>Gets or sets the table of the write ledger (created when missing).</summary>
    /// <value>Defaults to <c>chaos_ledger</c>.</value>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z_][a-z0-9_]*$", ErrorMessage = "must be a lowercase SQL identifier")]
    public string LedgerTable { get; set; } = WorkloadConstants.LedgerTable;
}
