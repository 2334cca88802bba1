using System.Collections.Concurrent;
using Npgsql;
using Resilience.HealthProbes.Internal;
using Resilience.HealthProbes.Warmup;
using Resilience.Topology;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.GateController;

/// <summary>How the controller logs in to every reader.</summary>
/// <param name="Database">The database the probe queries.</param>
/// <param name="User">The probe user (on Aurora, one granted <c>rds_iam</c>).</param>
/// <param name="Password">A fixed password, or null when <see cref="PgSecurity.PasswordProvider"/> gives tokens.</param>
/// <param name="Security">Token provider and TLS; null for plain password logins.</param>
internal sealed record ReaderLogin(string Database, string User, string? Password, PgSecurity? Security);

/// <summary>
/// Observation and warm-up of remote readers over SQL: one small pool per reader address, every observation bounded by
/// the probe timeout, the warm-up done by the same planner and runner as a local member's (pg_prewarm of the policy's
/// relations, chunked and paced; where pg_prewarm is not installed, the tables read block range by block range, since
/// the controller cannot install an extension on a reader). A full storage read needs the member's own disk, so it is
/// not done from here.
/// </summary>
internal abstract class SqlReaderDatabase : IReaderDatabase
{
    private readonly ReaderLogin _login;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, (string Address, PgConnections Pg)> _readers = new(StringComparer.Ordinal);

    protected SqlReaderDatabase(ReaderLogin login, TimeSpan probeTimeout, MonotonicClock clock)
    {
        _login = login;
        _timeout = probeTimeout;
        Clock = clock;
    }

    protected MonotonicClock Clock { get; }

    public async Task<ReaderObservation> ObserveAsync(ReaderCandidate reader, CancellationToken cancellationToken)
    {
        var time = Clock.TimeProvider;
        using var timeout = new CancellationTokenSource(_timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var pg = await ForAsync(reader).ConfigureAwait(false);
        var query = QueryAsync(pg.Probe, reader, linked.Token);
        try
        {
            // WaitAsync is the hard bound: a driver call that ignores cancellation cannot hold the tick.
            return await query.WaitAsync(_timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is TimeoutException || timeout.IsCancellationRequested))
        {
            _ = query.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return ReaderObservation.NoAnswer($"no answer within {_timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is NpgsqlException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            return ReaderObservation.NoAnswer(Errors.OneLine(e));
        }
    }

    public async Task<string> WarmUpAsync(ReaderCandidate reader, WarmupPolicy policy, Action<string> planned, CancellationToken cancellationToken)
    {
        var pg = await ForAsync(reader).ConfigureAwait(false);
        var plan = await new WarmupPlanner(pg, dataDirectory: null, readWithoutPrewarm: true).PlanAsync(policy with { FullStorageRead = false }, cancellationToken).ConfigureAwait(false);
        planned(plan.Method);
        await new WarmupRunner(pg, Clock, new WarmupProgress()).RunAsync(plan, policy.IoRateMbPerSecond, () => true, cancellationToken).ConfigureAwait(false);
        return plan.Method;
    }

    public async ValueTask ForgetAsync(string readerId)
    {
        if (_readers.TryRemove(readerId, out var held))
        {
            await held.Pg.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _readers.Keys.ToList())
        {
            await ForgetAsync(id).ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The one round trip that observes the reader.</summary>
    protected abstract Task<ReaderObservation> QueryAsync(NpgsqlDataSource source, ReaderCandidate reader, CancellationToken cancellationToken);

    // A reader that moved (a new pod IP, a new instance address) gets a new pool.
    private async ValueTask<PgConnections> ForAsync(ReaderCandidate reader)
    {
        var address = $"{reader.Host}:{reader.Port}";
        if (_readers.TryGetValue(reader.Id, out var held))
        {
            if (held.Address == address)
            {
                return held.Pg;
            }

            await ForgetAsync(reader.Id).ConfigureAwait(false);
        }

        var options = new HealthProbesOptions
        {
            StackFile = "",
            Group = reader.Group,
            PgHost = reader.Host!,
            PgPort = reader.Port,
            PgDatabase = _login.Database,
            PgUser = _login.User,
            PgPassword = _login.Password,
            StateDir = Path.GetTempPath(),
            ProbeTimeout = _timeout,
        };
        var pg = new PgConnections(options, _login.Security);
        _readers[reader.Id] = (address, pg);
        return pg;
    }
}
