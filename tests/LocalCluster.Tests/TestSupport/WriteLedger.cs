using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>
/// Writes rows with unique ids through the write endpoint in a loop, keeping a ledger of acknowledged ids
/// with the time and the server port that acknowledged each; connection errors are expected and retried.
/// </summary>
internal sealed class WriteLedger : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _table;
    private readonly ConcurrentQueue<Ack> _acks = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _nextId;

    private WriteLedger(string connectionString, string table)
    {
        _connectionString = connectionString;
        _table = table;
    }

    public IReadOnlyList<Ack> Acks => _acks.ToArray();

    public int Failures { get; private set; }

    /// <summary>Creates the table (through the write endpoint) and starts writing.</summary>
    public static async Task<WriteLedger> StartAsync(LocalClusterController cluster, string table)
    {
        var cs = new NpgsqlConnectionStringBuilder(cluster.GetCredentials().ConnectionString(cluster.WriteEndpoint))
        {
            Pooling = false,
            Timeout = 2,
            CommandTimeout = 5,
        }.ConnectionString;
        var ledger = new WriteLedger(cs, table);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {table} (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())", conn);
            await create.ExecuteNonQueryAsync();
        }

        ledger._loop = Task.Run(ledger.RunAsync);
        return ledger;
    }

    /// <summary>Waits until at least <paramref name="count"/> writes are acknowledged.</summary>
    public Task WaitForAcksAsync(int count, TimeSpan timeout) =>
        Poll.UntilAsync(() => Task.FromResult(_acks.Count >= count), timeout, $"{count} acknowledged writes");

    /// <summary>The first acknowledgement after <paramref name="timestamp"/> from a server other than <paramref name="port"/>.</summary>
    public Ack? FirstAckAfter(long timestamp, int notFromPort) =>
        Acks.FirstOrDefault(a => a.Timestamp > timestamp && a.ServerPort != notFromPort);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    /// <summary>Acknowledged ids that the current primary does not have.</summary>
    public async Task<IReadOnlyList<long>> MissingAsync()
    {
        var present = new HashSet<long>();
        await Poll.UntilAsync(async () =>
        {
            present.Clear();
            await using var conn = new NpgsqlConnection(_connectionString);
            await conn.OpenAsync();
            await using var select = new NpgsqlCommand($"SELECT id FROM {_table}", conn);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetInt64(0));
            }

            return true;
        }, TestTimeouts.Failover, "reading the ledger table back through the write endpoint");
        return Acks.Select(a => a.Id).Where(id => !present.Contains(id)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        NpgsqlConnection? conn = null;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (conn is null)
                {
                    conn = new NpgsqlConnection(_connectionString);
                    await conn.OpenAsync(_stop.Token);
                }

                var id = Interlocked.Increment(ref _nextId);
                await using var insert = new NpgsqlCommand($"INSERT INTO {_table} (id) VALUES (@id) RETURNING inet_server_port()", conn);
                insert.Parameters.AddWithValue("id", id);
                var port = (int)(await insert.ExecuteScalarAsync(_stop.Token))!;
                _acks.Enqueue(new Ack(id, Stopwatch.GetTimestamp(), port));
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                Failures++;
                if (conn is not null)
                {
                    await conn.DisposeAsync();
                    conn = null;
                }

                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (conn is not null)
        {
            await conn.DisposeAsync();
        }
    }
}

/// <summary>One acknowledged write.</summary>
internal sealed record Ack(long Id, long Timestamp, int ServerPort);
