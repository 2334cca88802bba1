namespace Resilience.Bench.Results;

/// <summary>One of issue 8's figures to reach, against what this run measured on our configuration.</summary>
/// <param name="Figure">What is checked, in words.</param>
/// <param name="Target">The figure to reach, in words.</param>
/// <param name="Measured">What was measured, or null when this run did not measure it.</param>
/// <param name="Met">True or false, or null when not measured.</param>
public sealed record FigureCheck(string Figure, string Target, string? Measured, bool? Met);
