using Resilience.HealthProbes.GateController;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>A control plane in memory: readers the test adds, restarts and stops; the members the controller sets; every count it publishes.</summary>
internal sealed class FakeGatePlatform(string cluster = "staging-a") : IGatePlatform
{
    public string Cluster => cluster;

    public TimeSpan MinimumReadInterval { get; set; } = TimeSpan.FromSeconds(1);

    public List<ReaderCandidate> Readers { get; } = [];

    public List<string> Members { get; } = [];

    public List<IReadOnlyList<string>> MemberChanges { get; } = [];

    public List<int> Published { get; } = [];

    public int Reads { get; private set; }

    /// <summary>The next reads fail with this (throttled or not), as many times as given.</summary>
    public (GatePlatformException Error, int Times)? Failing { get; set; }

    public ReaderCandidate Add(string id, string group = "readers") =>
        Set(new ReaderCandidate(id, "10.0.0.1", 5432, true, "available", "db-" + id, group));

    public ReaderCandidate Set(ReaderCandidate reader)
    {
        Readers.RemoveAll(r => r.Id == reader.Id);
        Readers.Add(reader);
        return reader;
    }

    public Task<PlatformView> ReadAsync(CancellationToken cancellationToken)
    {
        Reads++;
        if (Failing is { } failing && failing.Times > 0)
        {
            Failing = (failing.Error, failing.Times - 1);
            throw failing.Error;
        }

        return Task.FromResult(new PlatformView([.. Readers], [.. Members]));
    }

    public Task SetMembersAsync(IReadOnlyList<string> members, PlatformView current, CancellationToken cancellationToken)
    {
        Assert.NotEmpty(members);
        Members.Clear();
        Members.AddRange(members);
        MemberChanges.Add([.. members]);
        return Task.CompletedTask;
    }

    public Task PublishWarmCountAsync(int count, CancellationToken cancellationToken)
    {
        Published.Add(count);
        return Task.CompletedTask;
    }
}
