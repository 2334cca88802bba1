using Npgsql;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// The supervisor's own client: a tiny committed transaction through the write endpoint every
/// <see cref="Interval"/>, timed as an application sees it (HAProxy, the primary, the wait for the synchronous
/// standby). A slow primary (a sick host) shows here before any CPU or lag alarm: its CPU is low, it is merely slow.
/// </summary>
/// <remarks>
/// <c>txid_current()</c> assigns a transaction id, so its commit writes a commit record and waits for the
/// synchronous standbys like an application's write, without a table of its own.
/// </remarks>
internal sealed class CommitLatencyProbe : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>A probe that takes longer counts as this long: the write endpoint is then unavailable, not slow.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(5);

    private readonly ClusterEnvironment _env;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private double _worstMs = -1;
    private long _inFlightSince;
    private Task? _loop;

    public CommitLatencyProbe(ClusterEnvironment env) => _env = env;

    /// <summary>
    /// The slowest commit since the last call in milliseconds, counting one still in flight at its age so far;
    /// null when nothing was timed. Starts the probe on first use.
    /// </summary>
    public double? TakeWorst()
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token));
        lock (_gate)
        {
            var inFlight = _inFlightSince == 0 ? -1 : _env.Time.GetElapsedTime(_inFlightSince).TotalMilliseconds;
            var worst = Math.Max(_worstMs, inFlight);
            _worstMs = -1;
            return worst < 0 ? null : Math.Min(worst, Ceiling.TotalMilliseconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
        {
            Host = LocalClusterConstants.Host,
            Port = _env.Ports.Write,
            Username = LocalClusterConstants.SuperUser,
            Password = _env.Secrets.Superuser,
            Database = "postgres",
            Timeout = (int)Ceiling.TotalSeconds,
            CommandTimeout = (int)Ceiling.TotalSeconds,
            ApplicationName = "localcluster-commit-probe",
        }.ConnectionString);
        while (!ct.IsCancellationRequested)
        {
            var started = _env.Time.GetTimestamp();
            lock (_gate)
            {
                _inFlightSince = started;
            }

            var answered = await CommitOnceAsync(source, ct);
            lock (_gate)
            {
                _inFlightSince = 0;
                if (answered)
                {
                    _worstMs = Math.Max(_worstMs, _env.Time.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            try
            {
                await Task.Delay(Interval, _env.Time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>True when the commit was acknowledged; a refused or failed one is unavailability, which other alarms and the heal job see.</summary>
    private static async Task<bool> CommitOnceAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        try
        {
            await using var command = source.CreateCommand("select txid_current()");
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
