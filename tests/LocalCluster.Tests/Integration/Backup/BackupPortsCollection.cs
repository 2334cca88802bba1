namespace Resilience.LocalCluster.Tests.Integration.Backup;

/// <summary>
/// The backup tests that start their own stack on port base 31450: xunit runs test classes in parallel, and two
/// stacks on the same ports would collide, so they share this collection and run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BackupPortsCollection
{
    public const string Name = "backup stacks on port base 31450";
}
