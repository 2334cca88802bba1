using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Workload;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>
/// A workload without a database: on <see cref="Start"/> it acknowledges one write and answers one read (unless
/// told not to), and the ledger check finds every acknowledged write. Records what the runner asked of it.
/// </summary>
internal sealed class FakeWorkload : IWorkload
{
    private long _nextId;

    /// <summary>When false, nothing is acknowledged: the runner's baseline check must refuse to inject.</summary>
    public bool Answers { get; init; } = true;

    public List<string> Calls { get; } = [];

    public long NextWriteId => Interlocked.Read(ref _nextId) + 1;

    public AcknowledgedWriteLedger Ledger { get; } = new();

    public Guid RunId { get; } = Guid.NewGuid();

    public string LedgerTable => "fake_ledger";

    public PipelineCounters Pipeline { get; } = new();

    public WorkloadCounters Counters { get; } = new();

    public bool Disposed { get; private set; }

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        Record("prepare");
        return Task.CompletedTask;
    }

    public void Start()
    {
        Record("start");
        if (Answers)
        {
            Ledger.Acknowledge(Interlocked.Increment(ref _nextId), 0);
            Counters.WriteAcknowledged();
            Counters.ReadAnswered(viaPrimary: false);
        }
    }

    public Task StopAsync()
    {
        Record("stop");
        return Task.CompletedTask;
    }

    public Task<LedgerVerification> VerifyLedgerAsync(CancellationToken cancellationToken)
    {
        Record("verify");
        return Task.FromResult(new LedgerVerification(Ledger.Count, Ledger.Count, [], 0));
    }

    public Task<IReadOnlyDictionary<long, string?>> ReadLedgerRowsAsync(CancellationToken cancellationToken)
    {
        Record("read rows");
        return Task.FromResult<IReadOnlyDictionary<long, string?>>(Ledger.Snapshot().ToDictionary(e => e.Key, e => (string?)LedgerPayload.Of(e.Key)));
    }

    public Task DeleteLedgerRowsAsync(CancellationToken cancellationToken)
    {
        Record("delete");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private void Record(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }
    }
}
