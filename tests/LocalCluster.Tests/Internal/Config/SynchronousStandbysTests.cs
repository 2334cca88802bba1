using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Config;

public class SynchronousStandbysTests
{
    /// <summary>The local stack with its one replica group sized <paramref name="min"/>/<paramref name="desired"/>/<paramref name="max"/>.</summary>
    private static StackSpec LocalWithReaders(int min, int desired, int max)
    {
        var yaml = File.ReadAllText(StackSpecLoader.StackFilePath(RepoPaths.Root, "local"))
            .Replace("        min: 1\n        desired: 2\n        max: 3\n", $"        min: {min}\n        desired: {desired}\n        max: {max}\n", StringComparison.Ordinal);
        return StackSpecLoader.Parse(yaml, "Pulumi.local.yaml", "local");
    }

    [Fact]
    public void The_local_stack_keeps_two_synchronous_standbys()
    {
        Assert.Equal(2, SynchronousStandbys.For(StackSpecLoader.LoadStack(RepoPaths.Root, "local")));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)] // one replica: a double fault cannot be survived, one standby is all there is
    [InlineData(1, 1, 2, 2)] // one replica now, two allowed: the second is made synchronous when it streams
    [InlineData(2, 2, 2, 2)]
    [InlineData(2, 4, 6, 2)] // more replicas do not make every commit wait for more standbys
    public void Two_standbys_when_the_spec_allows_two_replicas(int min, int desired, int max, int expected)
    {
        Assert.Equal(expected, SynchronousStandbys.For(LocalWithReaders(min, desired, max)));
    }
}
