using System.Reflection;
using System.Text.Json;

namespace Resilience.LocalCluster.Internal.Lifecycle;

/// <summary>
/// Copies the programs a stack runs for its whole life (the supervisor, HealthProbes) into its state
/// directory, so rebuilding the repository while a cluster runs cannot swap a dll under a running process.
/// </summary>
internal static class StagedBinaries
{
    /// <summary>Copies LocalCluster.dll and the non-framework assemblies it references into <paramref name="target"/>, with a runtimeconfig; returns the dll there.</summary>
    public static string StageSupervisor(string target)
    {
        Directory.CreateDirectory(target);
        var self = typeof(LocalClusterController).Assembly;
        var source = Path.GetDirectoryName(self.Location)!;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<Assembly>([self]);
        while (pending.TryPop(out var assembly))
        {
            var file = Path.Combine(source, Path.GetFileName(assembly.Location));
            if (!seen.Add(file) || !File.Exists(file))
            {
                continue;
            }

            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (File.Exists(Path.Combine(source, reference.Name + ".dll")))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        var dll = Path.Combine(target, Path.GetFileName(self.Location));
        File.WriteAllText(Path.ChangeExtension(dll, ".runtimeconfig.json"), JsonSerializer.Serialize(new
        {
            runtimeOptions = new
            {
                tfm = "net10.0",
                framework = new { name = "Microsoft.NETCore.App", version = $"{Environment.Version.Major}.{Environment.Version.Minor}.0" },
            },
        }));
        return dll;
    }

    /// <summary>Copies the folder of the built HealthProbes dll into <paramref name="target"/>; returns the dll there.</summary>
    public static string StageFolderOf(string dll, string target)
    {
        var source = Path.GetDirectoryName(dll)!;
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }

        return Path.Combine(target, Path.GetFileName(dll));
    }
}
