using Npgsql;
using Resilience.HealthProbes.Internal;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.Warmup;

/// <summary>Executes a <see cref="WarmupPlan"/>: reads the files, then prewarms (or, without pg_prewarm, reads) the relations chunk by chunk, paced to the I/O bound.</summary>
internal sealed class WarmupRunner
{
    private const int ChunkAttempts = 3;

    private readonly PgConnections _pg;
    private readonly MonotonicClock _clock;
    private readonly WarmupProgress _progress;

    public WarmupRunner(PgConnections pg, MonotonicClock clock, WarmupProgress progress)
    {
        _pg = pg;
        _clock = clock;
        _progress = progress;
    }

    /// <summary>Runs the plan; false when <paramref name="keepGoing"/> said stop (e.g. the member was promoted).</summary>
    public async Task<bool> RunAsync(WarmupPlan plan, double ioRateMbPerSecond, Func<bool> keepGoing, CancellationToken token)
    {
        var pace = new Pace(_clock, ioRateMbPerSecond);
        foreach (var file in plan.Files)
        {
            if (!keepGoing())
            {
                return false;
            }

            await ReadFileAsync(file, pace, token).ConfigureAwait(false);
        }

        foreach (var database in plan.Relations.GroupBy(r => r.Database))
        {
            await using var connection = await _pg.For(database.Key).OpenConnectionAsync(token).ConfigureAwait(false);
            var blockSize = await BlockSizeAsync(connection, token).ConfigureAwait(false);
            foreach (var relation in database)
            {
                if (!keepGoing())
                {
                    return false;
                }

                await WarmRelationAsync(connection, relation, blockSize, pace, token).ConfigureAwait(false);
                _progress.RelationDone();
            }
        }

        _progress.Reading(null);
        return true;
    }

    private async Task ReadFileAsync(PlannedFile file, Pace pace, CancellationToken token)
    {
        _progress.Reading(file.Path);
        var buffer = new byte[(int)IoPacer.ChunkBytes(pace.MbPerSecond, HealthProbesConstants.FullReadBufferBytes)];
        long read = 0;
        try
        {
            await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
            int n;
            while ((n = await stream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                read += n;
                _progress.Advance(n);
                await pace.AfterAsync(n, token).ConfigureAwait(false);
            }
        }
        catch (FileNotFoundException)
        {
            _progress.Skip($"{file.Path} (removed while reading)");
        }
        finally
        {
            // A file that shrank or vanished still counts as handled, so progress ends at 100%.
            if (read < file.Bytes)
            {
                _progress.Advance(file.Bytes - read);
            }
        }
    }

    private async Task WarmRelationAsync(NpgsqlConnection connection, PlannedRelation relation, int blockSize, Pace pace, CancellationToken token)
    {
        _progress.Reading($"{relation.Database}: {relation.Name}");
        var blocks = relation.Bytes / blockSize;
        var chunk = Math.Max(1, IoPacer.ChunkBytes(pace.MbPerSecond, HealthProbesConstants.PrewarmChunkBytes) / blockSize);
        long accounted = 0;
        try
        {
            for (long first = 0; first < blocks; first += chunk)
            {
                var last = Math.Min(blocks, first + chunk) - 1;
                var warmed = await WarmChunkAsync(connection, relation, first, last, token).ConfigureAwait(false);
                var bytes = (last - first + 1) * blockSize;
                accounted += bytes;
                _progress.Advance(bytes);
                await pace.AfterAsync(bytes, token).ConfigureAwait(false);
                if (warmed is null)
                {
                    break;
                }
            }
        }
        finally
        {
            if (accounted < relation.Bytes)
            {
                _progress.Advance(relation.Bytes - accounted);
            }
        }
    }

    /// <summary>Blocks prewarmed (tuples read), or null when the relation shrank or was dropped since planning (skipped, noted).</summary>
    private async Task<long?> WarmChunkAsync(NpgsqlConnection connection, PlannedRelation relation, long first, long last, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = relation.PrewarmFunction is { } prewarm
                    ? new NpgsqlCommand($"SELECT {prewarm}($1::bigint::oid::regclass, 'buffer', 'main', $2, $3)", connection)
                    {
                        Parameters = { new() { Value = (long)relation.Oid }, new() { Value = first }, new() { Value = last } },
                    }
                    : new NpgsqlCommand(RelationRead.ChunkSql(relation.Name, first, last), connection);
                return await command.ExecuteScalarAsync(token).ConfigureAwait(false) as long? ?? 0;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.QueryCanceled && attempt < ChunkAttempts)
            {
                // A recovery conflict (replay needed the relation's lock) cancels the chunk: try it again.
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidParameterValue or PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InternalError)
            {
                _progress.Skip($"{relation.Database}: {relation.Name} ({Errors.OneLine(e)})");
                return null;
            }
        }
    }

    private static async Task<int> BlockSizeAsync(NpgsqlConnection connection, CancellationToken token)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting('block_size')::int", connection);
        return (int)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
    }

    /// <summary>The pacing state of one run: bytes read and time since the run started.</summary>
    private sealed class Pace(MonotonicClock clock, double mbPerSecond)
    {
        private readonly TimeSpan _start = clock.Now;
        private long _bytes;

        public double MbPerSecond => mbPerSecond;

        public Task AfterAsync(long bytes, CancellationToken token)
        {
            _bytes += bytes;
            var delay = IoPacer.DelayBefore(_bytes, clock.Now - _start, mbPerSecond);
            return delay > TimeSpan.Zero ? Task.Delay(delay, clock.TimeProvider, token) : Task.CompletedTask;
        }
    }
}
