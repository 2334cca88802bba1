using Resilience.LocalCluster.Internal;

namespace Resilience.LocalCluster.Tests.Internal;

/// <summary>
/// Which sources make the built HealthProbes stale: its own and those of every project it references (a build older
/// than a Topology change refused the spec's newest alarm metric, and no replica's gate ever opened).
/// </summary>
public class HealthProbesLocatorTests
{
    [Fact]
    public void The_projects_healthprobes_references_count_transitively()
    {
        var root = TestSupport.RepoPaths.Root;

        var folders = HealthProbesLocator.ProjectAndReferences(Path.Combine(root, "src/HealthProbes"))
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal);

        Assert.Equal(["src/AwsControlPlane", "src/HealthProbes", "src/Shutdown", "src/Topology"], folders);
    }

    [Fact]
    public void A_reference_cycle_or_a_missing_project_ends_the_walk()
    {
        var dir = Directory.CreateTempSubdirectory("locator-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "a"));
            Directory.CreateDirectory(Path.Combine(dir, "b"));
            File.WriteAllText(Path.Combine(dir, "a", "a.csproj"), """<Project><ItemGroup><ProjectReference Include="../b/b.csproj" /><ProjectReference Include="../gone/gone.csproj" /></ItemGroup></Project>""");
            File.WriteAllText(Path.Combine(dir, "b", "b.csproj"), """<Project><ItemGroup><ProjectReference Include="..\a\a.csproj" /></ItemGroup></Project>""");

            var folders = HealthProbesLocator.ProjectAndReferences(Path.Combine(dir, "a")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

            Assert.Equal(["a", "b"], folders);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
