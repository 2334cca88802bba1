using Resilience.Topology.Options;
using Npgsql;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Workload;

/// <summary>
/// Writes and reads at steady rates through the client pipeline for the length of a scenario, records
/// every operation on the timeline and every acknowledged write in the ledger. Failures are expected
/// during a fault and counted, never fatal.
/// </summary>
internal sealed class ApplicationWorkload : IWorkload
{
    private readonly DatabaseClientPipeline<ServerAnswer> _pipeline;
    private readonly bool _ownsPipeline;
    private readonly ScenarioTimeline _timeline;
    private readonly WorkloadOptions _options;
    private readonly NpgsqlDataSource _writeSource;
    private readonly NpgsqlDataSource _readSource;
    private readonly Workload.LedgerTable _sql;
    private readonly CancellationTokenSource _stopScheduling = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly SemaphoreSlim _writeSlots;
    private readonly SemaphoreSlim _readSlots;
    private readonly List<Task> _loops = [];
    private long _nextWriteId;
    private bool _stopped;

    /// <summary>Creates the workload; <see cref="PrepareAsync"/> then <see cref="Start"/> run it.</summary>
    public ApplicationWorkload(
        DatabaseAccess access,
        string serverIdentitySql,
        DatabaseClientPipeline<ServerAnswer> pipeline,
        ScenarioTimeline timeline,
        WorkloadOptions options,
        Guid runId,
        bool ownsPipeline = false)
    {
        _ownsPipeline = ownsPipeline;
        ArgumentNullException.ThrowIfNull(access);
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        OptionsValidator.Validate(options);
        RunId = runId;
        _sql = new Workload.LedgerTable(options.LedgerTable, serverIdentitySql);
        _writeSource = DataSource(access, access.Write, options);
        _readSource = DataSource(access, access.Read, options);
        _writeSlots = new SemaphoreSlim(options.MaxInFlight);
        _readSlots = new SemaphoreSlim(options.MaxInFlight);
    }

    /// <summary>The real workload of <paramref name="request"/>: its own client pipeline, data sources on both endpoints.</summary>
    public static IWorkload Create(WorkloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = new DatabaseClientPipeline<ServerAnswer>(request.Pipeline);
        return new ApplicationWorkload(request.Access, request.ServerIdentitySql, pipeline, request.Timeline, request.Options, Guid.NewGuid(), ownsPipeline: true);
    }

    /// <summary>This run's id: the ledger rows it writes carry it.</summary>
    public Guid RunId { get; }

    /// <inheritdoc />
    public string LedgerTable => _options.LedgerTable;

    /// <summary>The id the next write started will get: every write with this id or above started after now.</summary>
    public long NextWriteId => Interlocked.Read(ref _nextWriteId) + 1;

    /// <summary>Acknowledged write ids.</summary>
    public AcknowledgedWriteLedger Ledger { get; } = new();

    /// <summary>What the client pipeline did (retries, fallbacks, shed attempts...).</summary>
    public Pipeline.PipelineCounters Pipeline => _pipeline.Counters;

    /// <summary>Live counts.</summary>
    public WorkloadCounters Counters { get; } = new();

    /// <summary>Creates the ledger table through the write endpoint (with the pipeline's retries).</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _pipeline.WriteAsync(async ct =>
        {
            await using var command = _writeSource.CreateCommand(_sql.Create);
            await command.ExecuteNonQueryAsync(ct);
            return new ServerAnswer("", false, false);
        }, cancellationToken);
    }

    /// <summary>Starts writing and reading at the configured rates.</summary>
    public void Start()
    {
        _loops.Add(Task.Run(() => ScheduleAsync(_options.WritesPerSecond, _writeSlots, WriteOnceAsync)));
        _loops.Add(Task.Run(() => ScheduleAsync(_options.ReadsPerSecond, _readSlots, ReadOnceAsync)));
    }

    /// <summary>Stops starting operations and waits for those in flight (abandoning them after the drain timeout).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopScheduling.CancelAsync();
        await Task.WhenAll(_loops);
        var drained = Task.WhenAll(Drain(_writeSlots), Drain(_readSlots));
        if (await Task.WhenAny(drained, Task.Delay(_options.DrainTimeout, _timeline.Clock.TimeProvider)) != drained)
        {
            await _abandon.CancelAsync();
            await drained;
        }
    }

    /// <summary>Reads this run's ids from the primary and compares them with the ledger.</summary>
    public async Task<LedgerVerification> VerifyLedgerAsync(CancellationToken cancellationToken)
    {
        var present = new List<long>();
        await _pipeline.WriteAsync(async ct =>
        {
            present.Clear();
            await using var command = _writeSource.CreateCommand(_sql.SelectIds);
            command.Parameters.Add(new NpgsqlParameter { Value = RunId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                present.Add(reader.GetInt64(0));
            }

            return new ServerAnswer("", false, false);
        }, cancellationToken);
        return new LedgerVerification(Ledger.Count, present.Count, Ledger.FindMissing(present), Ledger.CountUnacknowledged(present));
    }

    /// <summary>Reads this run's rows (id, payload) from the primary.</summary>
    public async Task<IReadOnlyDictionary<long, string?>> ReadLedgerRowsAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<long, string?>();
        await _pipeline.WriteAsync(async ct =>
        {
            rows.Clear();
            await using var command = _writeSource.CreateCommand(_sql.SelectPayloads);
            command.Parameters.Add(new NpgsqlParameter { Value = RunId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }

            return new ServerAnswer("", false, false);
        }, cancellationToken);
        return rows;
    }

    /// <summary>Deletes this run's ledger rows, so that game-days do not grow the database.</summary>
    public async Task DeleteLedgerRowsAsync(CancellationToken cancellationToken)
    {
        await _pipeline.WriteAsync(async ct =>
        {
            await using var command = _writeSource.CreateCommand(_sql.DeleteRun);
            command.Parameters.Add(new NpgsqlParameter { Value = RunId });
            await command.ExecuteNonQueryAsync(ct);
            return new ServerAnswer("", false, false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _writeSource.DisposeAsync();
        await _readSource.DisposeAsync();
        _stopScheduling.Dispose();
        _abandon.Dispose();
        _writeSlots.Dispose();
        _readSlots.Dispose();
        if (_ownsPipeline)
        {
            _pipeline.Dispose();
        }
    }

    private static NpgsqlDataSource DataSource(DatabaseAccess access, DatabaseEndpoint endpoint, WorkloadOptions options)
    {
        var builder = access.ConnectionString(endpoint);
        builder.ApplicationName = WorkloadConstants.ApplicationName;
        builder.MaxPoolSize = options.MaxPoolSize;
        builder.Timeout = options.ConnectTimeoutSeconds;
        builder.CommandTimeout = options.CommandTimeoutSeconds;

        // A hung server must not hold a timed-out attempt: do not wait for the cancellation's answer.
        builder.CancellationTimeout = -1;
        builder.NoResetOnClose = true;
        return access.CreateDataSource(builder);
    }

    private async Task Drain(SemaphoreSlim slots)
    {
        // Holding every slot means nothing is in flight.
        for (var i = 0; i < _options.MaxInFlight; i++)
        {
            await slots.WaitAsync();
        }

        slots.Release(_options.MaxInFlight);
    }

    private async Task ScheduleAsync(int perSecond, SemaphoreSlim slots, Func<Task> operation)
    {
        if (perSecond <= 0)
        {
            return;
        }

        var clock = _timeline.Clock;
        var start = clock.Now;
        long started = 0;
        while (!_stopScheduling.IsCancellationRequested)
        {
            var due = (long)((clock.Now - start) * perSecond) + 1;
            for (; started < due; started++)
            {
                if (slots.Wait(0))
                {
                    _ = RunAsync(operation, slots);
                }
                else
                {
                    Counters.Skipped();
                }
            }

            try
            {
                await Task.Delay(WorkloadConstants.Tick, clock.TimeProvider, _stopScheduling.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task RunAsync(Func<Task> operation, SemaphoreSlim slots)
    {
        try
        {
            await operation();
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task WriteOnceAsync()
    {
        var id = Interlocked.Increment(ref _nextWriteId);
        var startedAt = _timeline.Clock.Now;
        try
        {
            var answer = await _pipeline.WriteAsync(ct => AttemptAsync(OperationKind.Write, false, async () =>
            {
                await using var command = _writeSource.CreateCommand(_sql.Insert);
                command.Parameters.Add(new NpgsqlParameter { Value = RunId });
                command.Parameters.Add(new NpgsqlParameter { Value = id });
                command.Parameters.Add(new NpgsqlParameter { Value = LedgerPayload.Of(id) });
                return await Workload.LedgerTable.ReadAnswerAsync(command, false, ct);
            }), _abandon.Token);
            var at = _timeline.Clock.Now;
            Ledger.Acknowledge(id, at);
            Counters.WriteAcknowledged();
            _timeline.Add(new OperationRecord(OperationKind.Write, startedAt, at, true, answer.Identity, id, false, null));
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Abandoned at shutdown: neither acknowledged nor failed.
        }
#pragma warning disable CA1031 // A failed write is data, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Counters.WriteFailed();
            _timeline.Add(new OperationRecord(OperationKind.Write, startedAt, _timeline.Clock.Now, false, null, id, false, OneLine(e)));
        }
    }

    private async Task ReadOnceAsync()
    {
        var startedAt = _timeline.Clock.Now;
        try
        {
            var answer = await _pipeline.ReadAsync((target, ct) => AttemptAsync(OperationKind.Read, target == ReadTarget.Primary, async () =>
            {
                var source = target == ReadTarget.Primary ? _writeSource : _readSource;
                await using var command = source.CreateCommand(_sql.Read);
                return await Workload.LedgerTable.ReadAnswerAsync(command, target == ReadTarget.Primary, ct);
            }), _abandon.Token);
            Counters.ReadAnswered(answer.ViaPrimary);
            _timeline.Add(new OperationRecord(OperationKind.Read, startedAt, _timeline.Clock.Now, true, answer.Identity, null, answer.ViaPrimary, null));
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed read is data, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Counters.ReadFailed();
            _timeline.Add(new OperationRecord(OperationKind.Read, startedAt, _timeline.Clock.Now, false, null, null, false, OneLine(e)));
        }
    }

    /// <summary>Runs one attempt and records its failure on the timeline before the pipeline judges it.</summary>
    private async ValueTask<ServerAnswer> AttemptAsync(OperationKind kind, bool toPrimary, Func<Task<ServerAnswer>> attempt)
    {
        try
        {
            return await attempt();
        }
        catch (Exception)
        {
            _timeline.Add(new AttemptFailure(kind, _timeline.Clock.Now, toPrimary));
            throw;
        }
    }

    private static string OneLine(Exception e)
    {
        var message = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : $"{e.GetType().Name}: {e.Message}";
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
