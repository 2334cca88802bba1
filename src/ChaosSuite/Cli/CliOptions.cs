using System.CommandLine;

namespace Resilience.ChaosSuite.Cli;

/// <summary>The options several commands share.</summary>
internal static class CliOptions
{
    public static Option<string> Stack() => new("--stack")
    {
        Description = "the stack: Pulumi.<stack>.yaml in the stacks directory",
        DefaultValueFactory = _ => "local",
    };

    public static Option<string?> StacksDir() => new("--stacks-dir")
    {
        Description = "where the Pulumi.<stack>.yaml files are (default: the nearest directory above the current one holding Pulumi.yaml)",
    };

    /// <summary>On the root command, for every command: where cloud adapters read the stack's outputs.</summary>
    public static Option<string?> StackOutputs() => new("--stack-outputs")
    {
        Description = "a file holding `pulumi stack output --json` of the stack (aws): the cluster and FIS templates are read from it instead of found by tags",
        Recursive = true,
    };

    public static Option<string?> ReportDir() => new("--report-dir")
    {
        Description = "where report.json, report.md, junit.xml and report.html go (default: reports/<stack>/<time>-<command>)",
    };

    public static Option<int?> Seed() => new("--seed")
    {
        Description = "seed of every random choice (victim, retry jitter, fault injection); printed when not given",
    };

    public static Option<string?> AllowProduction() => new(ProductionStacks.Option)
    {
        Description = "the name of a production stack chaos may touch (it refuses a production stack otherwise)",
    };

    public static Option<string?> Cell() => new("--cell")
    {
        Description = "drive only this cell of resilience:cells (default: every cell of the stack, one after the other, one report each)",
    };

    public static Option<bool> DryRun() => new("--dry-run")
    {
        Description = "inject nothing; say what would be done",
    };
}
