using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.Integration;

/// <summary>Tests that share one real primary + replica; they run one after another and each restores what it broke.</summary>
[CollectionDefinition(Name)]
public sealed class PgClusterCollection : ICollectionFixture<PgTestCluster>
{
    public const string Name = "PostgreSQL primary and replica";
}
