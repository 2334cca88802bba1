using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>Its own real local cluster on ports 30800-30833 (the double-fault work's range), so it runs beside the shared one's tests.</summary>
public sealed class DoubleFaultClusterFixture() : LocalClusterFixture(30800, "doublefaulttest");

[CollectionDefinition(Name)]
public sealed class DoubleFaultClusterCollection : ICollectionFixture<DoubleFaultClusterFixture>
{
    public const string Name = "double-fault cluster";
}

/// <summary>
/// The double fault against the real local stack (3 members, synchronous replication with two synchronous
/// standbys): a replica, then 0.2 s later the primary, lost; the remaining replica must be promoted with
/// every acknowledged write, and the run must pass every target.
/// </summary>
[Collection(DoubleFaultClusterCollection.Name)]
[Trait("Category", "Integration")]
public class DoubleFaultIntegrationTests(DoubleFaultClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task A_replica_and_the_primary_lost_together_pass_with_no_lost_write()
    {
        var result = await cluster.RunAsync(ScenarioCatalog.Create("double-fault")!);

        Assert.True(result.Outcome == ScenarioOutcome.Passed, $"{result.Outcome}: {result.AbortReason} {string.Join("; ", result.Targets.Where(t => !t.Met).Select(t => $"{t.Name} {t.Measured} vs {t.Target}"))}");
        var m = result.Measurements;
        output.WriteLine(string.Join(", ", m.Values.Select(v => $"{v.Key} {v.Value}").Concat(m.Observations.Where(o => o.Key is "acknowledgedWrites" or "writeStallSeconds" or "promotions").Select(o => $"{o.Key} {o.Value}"))));
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.InRange(m.Get(MeasurementNames.WriteUnavailableSeconds)!.Value, 0.1, cluster.Spec.TargetsFor("double-fault").WriteUnavailableSeconds);
        Assert.True(m.Observations["promotions"] >= 1);
        Assert.True(m.Observations["acknowledgedWrites"] > 100);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.Failover);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.LedgerVerified);
        Assert.Contains("replica ", result.Fault!.Description, StringComparison.Ordinal);
        Assert.Contains("then primary ", result.Fault.Description, StringComparison.Ordinal);
    }
}
