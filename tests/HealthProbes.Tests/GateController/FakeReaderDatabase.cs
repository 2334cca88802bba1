using System.Collections.Concurrent;
using Resilience.HealthProbes.GateController;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>Readers' SQL answers set by the test: a healthy replica by default; warm-ups that succeed, fail, or count.</summary>
internal sealed class FakeReaderDatabase : IReaderDatabase
{
    public ConcurrentDictionary<string, ReaderObservation> Answers { get; } = new();

    public ConcurrentDictionary<string, int> Warmups { get; } = new();

    /// <summary>Readers whose warm-up throws this message.</summary>
    public ConcurrentDictionary<string, string> FailingWarmups { get; } = new();

    public static ReaderObservation Healthy(string start = "2026-12-01 08:00:00+00", double lag = 0.1) => new(true, null, true, true, lag, start);

    public Task<ReaderObservation> ObserveAsync(ReaderCandidate reader, CancellationToken cancellationToken) =>
        Task.FromResult(Answers.GetOrAdd(reader.Id, _ => Healthy()));

    public Task<string> WarmUpAsync(ReaderCandidate reader, WarmupPolicy policy, Action<string> planned, CancellationToken cancellationToken)
    {
        Warmups.AddOrUpdate(reader.Id, 1, (_, n) => n + 1);
        planned("pg_prewarm");
        return FailingWarmups.TryGetValue(reader.Id, out var problem) ? Task.FromException<string>(new InvalidOperationException(problem)) : Task.FromResult("pg_prewarm");
    }

    public ValueTask ForgetAsync(string readerId) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
