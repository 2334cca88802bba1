using Resilience.ChaosSuite.Platform;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Cli;

/// <summary>What the CLI runs against: its console, working directory, clock and platforms (tests replace them).</summary>
internal sealed class CliEnvironment
{
    /// <summary>Gets or sets standard output.</summary>
    /// <value>Defaults to <see cref="Console.Out"/>.</value>
    public TextWriter Out { get; set; } = Console.Out;

    /// <summary>Gets or sets standard error.</summary>
    /// <value>Defaults to <see cref="Console.Error"/>.</value>
    public TextWriter Error { get; set; } = Console.Error;

    /// <summary>Gets or sets whether output goes to a terminal (colours, a live status line) or not (plain lines).</summary>
    /// <value>Defaults to true when standard output is not redirected and TERM is not <c>dumb</c>.</value>
    public bool IsTerminal { get; set; } = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    /// <summary>Gets or sets the directory relative paths and the stack search start from.</summary>
    /// <value>Defaults to the current directory.</value>
    public string WorkingDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Creates the environment of a real run.</summary>
    public CliEnvironment()
    {
        CreatePlatform = (spec, stacksDir) =>
            PlatformFactory.Create(spec, new PlatformSettings(stacksDir) { StackOutputsPath = StackOutputsPath });
    }

    /// <summary>Gets or sets how a platform adapter is made for a stack (the stacks directory is the second argument).</summary>
    /// <value>Defaults to <see cref="PlatformFactory.Create"/> with <see cref="StackOutputsPath"/>.</value>
    public Func<StackSpec, string, IDatabasePlatform> CreatePlatform { get; set; }

    /// <summary>Gets or sets the file <c>pulumi stack output --json</c> was saved to (<c>--stack-outputs</c>), for cloud adapters.</summary>
    /// <value>Defaults to null: adapters find the stack's resources from the cloud.</value>
    public string? StackOutputsPath { get; set; }

    /// <summary>Gets or sets a hook that changes every run's runner options (tests shorten the workload).</summary>
    /// <value>Defaults to null.</value>
    public Action<Scenarios.ScenarioRunnerOptions>? ConfigureRunner { get; set; }
}
