using Resilience.Topology;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>
/// A real cluster of an edited copy of the local stack, on its own ports, for a test that needs its own spec:
/// stopped before (a run killed midway may have left it) and always after, with the supervisor's last log lines
/// written to the test output when the test fails.
/// </summary>
internal static class TemporaryStack
{
    /// <summary>Runs <paramref name="test"/> against stack <paramref name="stack"/>: Pulumi.local.yaml with <paramref name="edit"/> applied and the port base moved to <paramref name="portBase"/>.</summary>
    public static async Task RunAsync(
        string stack, int portBase, Func<string, string> edit, Action<LocalClusterOptions> configure, ITestOutputHelper output, Func<LocalClusterController, Task> test)
    {
        var stacks = Directory.CreateTempSubdirectory($"{stack}-stacks-").FullName;
        var yaml = Edit(File.ReadAllText(StackSpecLoader.StackFilePath(RepoPaths.Root, "local")), "portBase: 25400", $"portBase: {portBase}");
        File.WriteAllText(StackSpecLoader.StackFilePath(stacks, stack), edit(yaml));
        var spec = StackSpecLoader.LoadStack(stacks, stack);
        var options = SharedClusterFixture.Options(portBase);
        options.StackFilePath = StackSpecLoader.StackFilePath(stacks, stack);
        configure(options);
        var controller = LocalClusterController.Create(spec, options);
        await controller.DownAsync();
        try
        {
            await test(controller);
        }
        catch
        {
            // What the supervisor did, for the failure's diagnosis (the state is removed below).
            var log = Path.Combine(controller.StateDir, "logs", "supervisor.log");
            if (File.Exists(log))
            {
                output.WriteLine(string.Join('\n', File.ReadLines(log).TakeLast(40)));
            }

            throw;
        }
        finally
        {
            await controller.DownAsync();
            Directory.Delete(stacks, recursive: true);
        }
    }

    /// <summary><paramref name="text"/> with <paramref name="from"/> replaced; throws when the stack file no longer holds it (the edit would silently do nothing).</summary>
    public static string Edit(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal)
            ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"Pulumi.local.yaml no longer holds '{from}'");
}
