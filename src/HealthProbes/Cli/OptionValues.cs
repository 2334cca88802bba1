using System.CommandLine;

namespace Resilience.HealthProbes.Cli;

/// <summary>An option's raw value from the command line or, when absent there, from <c>HEALTHPROBES_&lt;NAME&gt;</c>; errors name where it came from.</summary>
internal sealed class OptionValues
{
    private readonly ParseResult _parse;
    private readonly Func<string, string?> _environment;

    public OptionValues(ParseResult parse, Func<string, string?> environment)
    {
        _parse = parse;
        _environment = environment;
    }

    public Func<string, string?> Environment => _environment;

    /// <summary>The value and its origin (the option name, or the environment variable's name).</summary>
    public (string? Value, string Origin) Get(Option<string> option)
    {
        if (_parse.GetResult(option) is { Implicit: false } && _parse.GetValue(option) is { } fromCommandLine)
        {
            return (fromCommandLine, option.Name);
        }

        var variable = EnvironmentName(option);
        return _environment(variable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, variable) : (null, option.Name);
    }

    public static string EnvironmentName(Option option) =>
        HealthProbesConstants.EnvironmentPrefix + option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
}
