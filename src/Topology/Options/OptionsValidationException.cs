namespace Resilience.Topology.Options;

/// <summary>Options with one or more members out of range; the message lists every one of them on one line.</summary>
public sealed class OptionsValidationException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="optionsType"/> with its <paramref name="problems"/>.</summary>
    /// <param name="optionsType">The options type's name, e.g. <c>WorkloadOptions</c>.</param>
    /// <param name="problems">One phrase per bad member, e.g. <c>WritesPerSecond must be between 1 and 100000, got 0</c>.</param>
    public OptionsValidationException(string optionsType, IReadOnlyList<string> problems)
        : base($"{optionsType} is invalid: {string.Join("; ", problems)}")
    {
        OptionsType = optionsType;
        Problems = problems;
    }

    /// <summary>The options type's name.</summary>
    public string OptionsType { get; }

    /// <summary>One phrase per bad member.</summary>
    public IReadOnlyList<string> Problems { get; }
}
