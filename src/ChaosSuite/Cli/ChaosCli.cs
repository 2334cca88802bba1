using Resilience.Topology.Options;
using System.CommandLine;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Cli;

/// <summary>The <c>chaos</c> command line. Exit codes: 0 every target met, 1 a target missed, 2 bad usage or stack file, 3 aborted.</summary>
internal static class ChaosCli
{
    /// <summary>Parses <paramref name="args"/> and runs the command; every user error is one line on standard error.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment? environment = null)
    {
        var env = environment ?? new CliEnvironment();
        var root = new RootCommand("chaos: injects failures into a database resilience stack, measures recovery and judges it against the stack's targets")
        {
            Commands.List(env),
            Commands.Preflight(env),
            Commands.Run(env),
            Commands.Gameday(env),
            HistoryCommand.Create(env),
        };
        var stackOutputs = CliOptions.StackOutputs();
        root.Options.Add(stackOutputs);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // The most specific error first: a mistyped command also reports that no command was given.
            var error = parse.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal)).First();
            env.Error.WriteLine($"chaos: {error.Message} (chaos --help lists the commands)");
            return ExitCodes.BadUsage;
        }

        if (parse.GetValue(stackOutputs) is { } outputs)
        {
            env.StackOutputsPath = Path.GetFullPath(outputs, env.WorkingDirectory);
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = env.Out,
                Error = env.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            await env.Error.WriteLineAsync($"chaos: {e.Message}");
            return e.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            await env.Error.WriteLineAsync($"chaos: {e.Message}");
            return ExitCodes.BadUsage;
        }
    }
}
