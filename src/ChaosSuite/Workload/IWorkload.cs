using Resilience.ChaosSuite.Pipeline;

namespace Resilience.ChaosSuite.Workload;

/// <summary>
/// What the scenario runner drives: the application's writes and reads for the length of a scenario, and the
/// ledger of acknowledged writes. <see cref="ApplicationWorkload"/> is the real one; the runner takes a factory
/// (<see cref="Scenarios.ScenarioRunner"/>) so that its abort, rollback and watchdog paths can be tested without
/// a database.
/// </summary>
internal interface IWorkload : IAsyncDisposable
{
    /// <summary>The id the next write started will get: every write with this id or above started after now.</summary>
    long NextWriteId { get; }

    /// <summary>Acknowledged write ids.</summary>
    AcknowledgedWriteLedger Ledger { get; }

    /// <summary>This run's id: every ledger row it writes carries it.</summary>
    Guid RunId { get; }

    /// <summary>The ledger's table (each row's payload is <see cref="LedgerPayload.Of"/> of its id).</summary>
    string LedgerTable { get; }

    /// <summary>What the client pipeline did (retries, fallbacks, shed attempts...).</summary>
    PipelineCounters Pipeline { get; }

    /// <summary>Live counts.</summary>
    WorkloadCounters Counters { get; }

    /// <summary>Creates the ledger table through the write endpoint.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Starts writing and reading at the configured rates.</summary>
    void Start();

    /// <summary>Stops starting operations and waits for those in flight (bounded).</summary>
    Task StopAsync();

    /// <summary>Reads this run's ids from the primary and compares them with the ledger.</summary>
    Task<LedgerVerification> VerifyLedgerAsync(CancellationToken cancellationToken);

    /// <summary>Reads this run's rows from the primary: each id with its payload (null when a column was blanked).</summary>
    Task<IReadOnlyDictionary<long, string?>> ReadLedgerRowsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes this run's ledger rows.</summary>
    Task DeleteLedgerRowsAsync(CancellationToken cancellationToken);
}

/// <summary>What a workload is built from, for one scenario run.</summary>
/// <param name="Access">The endpoints and credentials.</param>
/// <param name="ServerIdentitySql">The platform's SQL naming the member that answered.</param>
/// <param name="Pipeline">The client pipeline's options (seeded, with the scenario's changes).</param>
/// <param name="Timeline">Where every operation is recorded.</param>
/// <param name="Options">Rates and limits.</param>
internal sealed record WorkloadRequest(
    Platform.DatabaseAccess Access,
    string ServerIdentitySql,
    DatabaseClientPipelineOptions Pipeline,
    Timeline.ScenarioTimeline Timeline,
    WorkloadOptions Options);
