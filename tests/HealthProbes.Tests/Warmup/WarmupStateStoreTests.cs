using Resilience.HealthProbes.Warmup;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.Warmup;

/// <summary>Completion survives a restart for the same data directory and policy, and only then.</summary>
public sealed class WarmupStateStoreTests : IDisposable
{
    private static readonly WarmupPolicy Policy = new(null, ["app"], false, 1, 10, 3, 0);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "healthprobes-store-" + Guid.NewGuid().ToString("N"));
    private readonly MemberIdentity _identity = new("7301234567890123456", "/var/tmp/c/m1/data", "2025-01-06 03:00:00+00");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_saved_completion_is_found_again_by_a_new_store_on_the_same_directory()
    {
        var record = new WarmupRecord(_identity.Key, WarmupStateStore.PolicyKey(Policy), DateTimeOffset.UnixEpoch, 1.5, 123);
        new WarmupStateStore(_directory).Save(record);

        Assert.Equal(record, new WarmupStateStore(_directory).LoadMatching(_identity.Key, WarmupStateStore.PolicyKey(Policy)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "warmup-state.json")));
    }

    [Fact]
    public void A_new_data_directory_starts_cold()
    {
        var store = new WarmupStateStore(_directory);
        store.Save(new WarmupRecord(_identity.Key, WarmupStateStore.PolicyKey(Policy), DateTimeOffset.UnixEpoch, 1, 1));

        // Same system identifier (pg_basebackup copies it), another directory or another copy in the same place.
        Assert.Null(store.LoadMatching((_identity with { DataDirectory = "/var/tmp/c/m4/data" }).Key, WarmupStateStore.PolicyKey(Policy)));
        Assert.Null(store.LoadMatching((_identity with { Created = "2025-01-07 03:00:00+00" }).Key, WarmupStateStore.PolicyKey(Policy)));
    }

    [Fact]
    public void A_changed_policy_warms_again()
    {
        var store = new WarmupStateStore(_directory);
        store.Save(new WarmupRecord(_identity.Key, WarmupStateStore.PolicyKey(Policy), DateTimeOffset.UnixEpoch, 1, 1));

        Assert.Null(store.LoadMatching(_identity.Key, WarmupStateStore.PolicyKey(Policy with { Relations = ["public.orders"] })));
        Assert.Null(store.LoadMatching(_identity.Key, WarmupStateStore.PolicyKey(Policy with { FullStorageRead = true })));
        Assert.NotNull(store.LoadMatching(_identity.Key, WarmupStateStore.PolicyKey(Policy with { MinWarmSeconds = 99 })));
    }

    [Fact]
    public void A_missing_or_corrupt_file_means_not_warm()
    {
        var store = new WarmupStateStore(_directory);
        Assert.Null(store.Load());

        Directory.CreateDirectory(_directory);
        File.WriteAllText(store.FilePath, "{not json");
        Assert.Null(store.Load());
    }
}
