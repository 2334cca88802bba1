using Npgsql;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>
/// Writes numbered rows through a write endpoint until stopped, keeping the numbers the database acknowledged, so a
/// test can check that none of them is missing after a switchover (a new connection per write: a write never rides
/// a connection to a demoted primary).
/// </summary>
internal sealed class AcknowledgedWriteLoop : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly string _table;
    private readonly List<long> _acknowledged = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _failed;

    private AcknowledgedWriteLoop(NpgsqlDataSource source, string table)
    {
        _source = source;
        _table = table;
    }

    public static async Task<AcknowledgedWriteLoop> StartAsync(DatabaseAccess access, CancellationToken cancellationToken)
    {
        var builder = access.ConnectionString(access.Write);
        builder.Pooling = false;
        builder.Timeout = 3;
        builder.CommandTimeout = 3;
        var loop = new AcknowledgedWriteLoop(access.CreateDataSource(builder), $"switchover_ledger_{Guid.NewGuid():N}"[..30]);
        await using (var create = loop._source.CreateCommand($"create table {loop._table} (id bigint primary key)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        loop._loop = Task.Run(loop.WriteAsync, CancellationToken.None);
        return loop;
    }

    public int Failed => Volatile.Read(ref _failed);

    public IReadOnlyList<long> Acknowledged
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> writes were acknowledged since now.</summary>
    public async Task AcknowledgedMoreAsync(int count, TimeSpan within)
    {
        var target = Acknowledged.Count + count;
        using var deadline = new CancellationTokenSource(within);
        while (Acknowledged.Count < target)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Stops writing and returns the acknowledged numbers missing from the table now.</summary>
    public async Task<IReadOnlyList<long>> StopAndFindMissingAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _loop;
        await using var read = _source.CreateCommand($"select id from {_table}");
        var present = new HashSet<long>();
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                present.Add(reader.GetInt64(0));
            }
        }

        return [.. Acknowledged.Where(id => !present.Contains(id))];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _source.DisposeAsync();
        _stop.Dispose();
    }

    private async Task WriteAsync()
    {
        for (long id = 1; !_stop.IsCancellationRequested; id++)
        {
            try
            {
                await using var insert = _source.CreateCommand($"insert into {_table} values ({id})");
                await insert.ExecuteNonQueryAsync(_stop.Token);
                lock (_acknowledged)
                {
                    _acknowledged.Add(id);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // Unacknowledged (the switchover's pause): not in the ledger, may or may not be in the table.
                Interlocked.Increment(ref _failed);
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }
}
