using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Resilience.Topology.Tests;

/// <summary>
/// The C# reader and the TypeScript reader (infra/config.ts, run through infra/scripts/normalize.ts)
/// must agree on every stack file: same normalized JSON, and the same key path for every invalid one.
/// </summary>
public class CrossLanguageTests
{
    public static TheoryData<string> StackFiles() => new(RepoPaths.StackFiles().Concat(RepoPaths.ValidTestStackFiles()));

    public static TheoryData<string> InvalidFiles() => new(RepoPaths.InvalidStackFiles());

    [Theory]
    [MemberData(nameof(StackFiles))]
    public void Both_readers_produce_the_same_normalized_spec(string stackFile)
    {
        var csharp = JsonNode.Parse(NormalizedJson.Serialize(StackSpecLoader.Load(stackFile)))!;

        var (exitCode, stdout, stderr) = RunTypeScriptReader(stackFile);

        Assert.True(exitCode == 0, $"the TypeScript reader rejected {Path.GetFileName(stackFile)}: {stderr}");
        var typescript = JsonNode.Parse(stdout)!;
        Assert.Equal("", FirstDifference("$", csharp, typescript));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Both_readers_reject_an_invalid_file_at_the_same_key(string stackFile)
    {
        var fileName = Path.GetFileName(stackFile);
        var keyPath = RepoPaths.ExpectedKeyPath(stackFile);

        var (exitCode, stdout, stderr) = RunTypeScriptReader(stackFile);

        Assert.True(exitCode == 2, $"expected exit 2 from the TypeScript reader, got {exitCode}; stdout: {stdout}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{fileName}: {keyPath}: ", line, StringComparison.Ordinal);
        var csharp = Assert.Throws<StackFileException>(() => StackSpecLoader.Load(stackFile));
        Assert.Equal(keyPath, csharp.KeyPath);
    }

    /// <summary>Empty when equal, otherwise the JSON path of the first difference and both values.</summary>
    private static string FirstDifference(string path, JsonNode? expected, JsonNode? actual)
    {
        switch (expected, actual)
        {
            case (null, null):
                return "";
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key))
                    {
                        return $"{path}.{key}: present in {(e.ContainsKey(key) ? "C#" : "TypeScript")} only";
                    }

                    var d = FirstDifference($"{path}.{key}", e[key], a[key]);
                    if (d.Length > 0)
                    {
                        return d;
                    }
                }

                return "";
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path}: {e.Count} items in C#, {a.Count} in TypeScript";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    var d = FirstDifference($"{path}[{i}]", e[i], a[i]);
                    if (d.Length > 0)
                    {
                        return d;
                    }
                }

                return "";
            case (JsonValue e, JsonValue a):
                return SameValue(e, a) ? "" : $"{path}: C# {e.ToJsonString()} vs TypeScript {a.ToJsonString()}";
            default:
                return $"{path}: C# {expected?.ToJsonString() ?? "null"} vs TypeScript {actual?.ToJsonString() ?? "null"}";
        }
    }

    private static bool SameValue(JsonValue e, JsonValue a)
    {
        var ek = e.GetValueKind();
        return ek == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number
            ? e.GetValue<double>() == a.GetValue<double>()
            : ek == a.GetValueKind() && e.ToJsonString() == a.ToJsonString();
    }

    private static (int ExitCode, string Stdout, string Stderr) RunTypeScriptReader(string stackFile)
    {
        var infra = Path.Combine(RepoPaths.Root, "infra");
        if (!Directory.Exists(Path.Combine(infra, "node_modules", "tsx")))
        {
            Assert.Fail("infra/node_modules is missing: run ./scripts/test (it runs `npm ci` in infra) before this test");
        }

        var start = new ProcessStartInfo("node", ["--import", "tsx", "scripts/normalize.ts", stackFile])
        {
            WorkingDirectory = infra,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the TypeScript reader did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
