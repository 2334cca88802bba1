using Resilience.Bench.Stacks;
using Resilience.Topology;

namespace Resilience.Bench.Tests.Stacks;

public sealed class BenchStackFileTests
{
    [Fact]
    public void Variant_of_the_local_stack_has_the_shape_and_keeps_everything_else()
    {
        var source = File.ReadAllText(Path.Combine(RepoRoot(), "Pulumi.local.yaml"));
        var original = StackSpecLoader.Parse(source, "Pulumi.local.yaml", "local");
        var shape = new BenchStackShape(29000, "/var/tmp/resilience-bench/ours", new PatroniTiming(30, 10, 10), new HaproxyTiming(3000, 3, 2), Replicas: 4, MaxReplicas: 6);

        var spec = StackSpecLoader.Parse(BenchStackFile.Transform(source, shape), "Pulumi.bench-ours.yaml", "bench-ours");

        Assert.Equal(29000, spec.Local.PortBase);
        Assert.Equal("/var/tmp/resilience-bench/ours", spec.Local.StateDir);
        Assert.Equal(new PatroniTiming(30, 10, 10), spec.Local.Patroni);
        Assert.Equal(new HaproxyTiming(3000, 3, 2), spec.Local.Haproxy);
        Assert.Equal(4, spec.ReplicaGroups[0].Size.Desired);
        Assert.Equal(6, spec.ReplicaGroups[0].Size.Max);
        Assert.Equal(original.ReplicaGroups[0].Size.Min, spec.ReplicaGroups[0].Size.Min);
        Assert.Equal(original.ReplicaGroups[0].Warmup with { Databases = [] }, spec.ReplicaGroups[0].Warmup with { Databases = [] });
        Assert.Equal(original.ReplicaGroups[0].Warmup.Databases, spec.ReplicaGroups[0].Warmup.Databases);
        Assert.Equal(original.Database, spec.Database);
        Assert.Equal<AlarmSpec>(original.Alarms, spec.Alarms);
        Assert.Equal(120, spec.RecoveryTargets.WriteUnavailableSeconds);
        Assert.Equal(1800, spec.RecoveryTargets.ReplacementSeconds);
        Assert.Equal(original.RecoveryTargets.LostWrites, spec.RecoveryTargets.LostWrites);
    }

    [Fact]
    public void A_replica_count_below_the_minimum_lowers_the_minimum()
    {
        const string source = """
            config:
              resilience:platform: local
              resilience:replicaGroups:
                - name: readers
                  size: { min: 2, desired: 2, max: 3 }
            """;
        var shape = new BenchStackShape(29400, "/var/tmp/x", new PatroniTiming(6, 1, 2), new HaproxyTiming(250, 2, 1), Replicas: 1, MaxReplicas: 1);

        var spec = StackSpecLoader.Parse(BenchStackFile.Transform(source, shape), "Pulumi.x.yaml", "x");

        Assert.Equal(new GroupSize(1, 1, 1), spec.ReplicaGroups[0].Size);
    }

    [Fact]
    public void A_stack_without_groups_is_refused()
    {
        var shape = new BenchStackShape(29400, "/var/tmp/x", new PatroniTiming(6, 1, 2), new HaproxyTiming(250, 2, 1), 2, 2);

        Assert.Throws<InvalidDataException>(() => BenchStackFile.Transform("config:\n  resilience:platform: local\n", shape));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Resilience.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Resilience.sln not found above the test assembly");
    }
}
