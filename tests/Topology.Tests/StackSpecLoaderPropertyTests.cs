using CsCheck;

namespace Resilience.Topology.Tests;

/// <summary>
/// The spec loader over random text: random YAML-like documents and random edits of the real stack files either load
/// or fail with one <see cref="StackFileException"/> whose message is one line naming the file. Never another
/// exception type (a YamlDotNet, format, cast or index error), never a multi-line message.
/// </summary>
public class StackSpecLoaderPropertyTests
{
    private const string FileName = "Pulumi.fuzz.yaml";

    // Tokens from the spec's own vocabulary and YAML's syntax, so the generator reaches deep into the reader.
    private static readonly string[] Tokens =
    [
        "config:", "resilience:platform:", "resilience:replicaGroups:", "resilience:database:", "resilience:alarms:", "resilience:local:",
        "resilience:backup:", "resilience:endpoints:", "resilience:recoveryTargets:", "resilience:gameday:", "resilience:environment:",
        "name:", "size:", "min:", "max:", "warmup:", "local", "aws", "kubernetes", "readers", "true", "false", "null", "~",
        "0", "1", "-1", "2.5", "1e9", "99999999999999999999", "\"x\"", "'y'", "[]", "{}", "[", "]", "{", "}", ",", "- ", ": ", ":",
        "&a", "*a", "!!str", "!!int", "|", ">", "#c", "\"", "'", "\t", "  ", "    ", "\n", "\n  ", "\n    ", "\n- ", "%", "@", "?", "---", "...",
    ];

    private static readonly Gen<string> RandomYaml = Gen.OneOf(Tokens.Select(Gen.Const).ToArray()).Array[0, 60].Select(parts => string.Concat(parts));

    private static readonly string[] RealFiles = [.. RepoPaths.StackFiles().Select(File.ReadAllText)];

    private enum Edit { DeleteLine, DuplicateLine, ReplaceValue, Indent, Dedent, InsertToken, Truncate, SwapLines }

    private static readonly Gen<(Edit Kind, double At, double Other, string Token)> Edits =
        Gen.Select(Gen.Enum<Edit>(), Gen.Double.Unit, Gen.Double.Unit, Gen.OneOf(Tokens.Select(Gen.Const).ToArray()));

    [Fact]
    public void Random_yaml_loads_or_fails_with_one_spec_error_line()
    {
        RandomYaml.Sample(LoadsOrFailsWithOneLine, iter: 2000);
    }

    [Fact]
    public void Random_edits_of_the_real_stack_files_load_or_fail_with_one_spec_error_line()
    {
        Assert.NotEmpty(RealFiles);
        Gen.Select(Gen.Int[0, RealFiles.Length - 1], Edits.Array[1, 6]).Sample((file, edits) =>
        {
            var lines = RealFiles[file].Split('\n').ToList();
            foreach (var (kind, at, other, token) in edits)
            {
                Apply(lines, kind, (int)(at * lines.Count), (int)(other * lines.Count), token);
            }

            LoadsOrFailsWithOneLine(string.Join('\n', lines));
        }, iter: 2000);
    }

    private static void Apply(List<string> lines, Edit kind, int i, int j, string token)
    {
        if (lines.Count == 0)
        {
            lines.Add(token);
            return;
        }

        i = Math.Min(i, lines.Count - 1);
        j = Math.Min(j, lines.Count - 1);
        switch (kind)
        {
            case Edit.DeleteLine: lines.RemoveAt(i); break;
            case Edit.DuplicateLine: lines.Insert(i, lines[i]); break;
            case Edit.ReplaceValue:
                var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                lines[i] = colon < 0 ? lines[i] + token : lines[i][..(colon + 2)] + token;
                break;
            case Edit.Indent: lines[i] = "  " + lines[i]; break;
            case Edit.Dedent: lines[i] = lines[i].TrimStart(); break;
            case Edit.InsertToken: lines[i] = lines[i].Insert(Math.Min(j, lines[i].Length), token); break;
            case Edit.Truncate: lines.RemoveRange(i, lines.Count - i); break;
            case Edit.SwapLines: (lines[i], lines[j]) = (lines[j], lines[i]); break;
        }
    }

    private static void LoadsOrFailsWithOneLine(string yaml)
    {
        try
        {
            StackSpecLoader.Parse(yaml, FileName, "fuzz");
        }
        catch (StackFileException e)
        {
            Assert.StartsWith(FileName + ": ", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
            Assert.DoesNotContain('\r', e.Message);
        }
    }
}
