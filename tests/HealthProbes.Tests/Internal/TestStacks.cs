namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>Stack files written for a test: one replica group <c>readers</c> with the given warm-up YAML.</summary>
internal static class TestStacks
{
    public static string Write(string directory, string warmupYaml = "relations: all")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "Pulumi.test.yaml");
        var warmup = string.Join('\n', warmupYaml.Split('\n').Select(line => "        " + line));
        File.WriteAllText(path, $"""
            config:
              resilience:platform: local
              resilience:database:
                databaseName: shop
                masterUsername: shopadmin
              resilience:replicaGroups:
                - name: readers
                  size: {"{ min: 1, desired: 2, max: 3 }"}
                  warmup:
            {warmup}
            """);
        return path;
    }
}
