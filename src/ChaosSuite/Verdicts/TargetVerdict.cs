namespace Resilience.ChaosSuite.Verdicts;

/// <summary>One recovery target judged: measured must be &lt;= target.</summary>
/// <param name="Name">The measurement's DESIGN.md name.</param>
/// <param name="Target">The bound, from the stack file's recovery targets (or the suite's own for oldPrimaryWrites).</param>
/// <param name="Measured">The measured value; null when the awaited event never came.</param>
/// <param name="Met">True when measured &lt;= target.</param>
/// <param name="Note">Why it was not met or not measured, when that needs saying.</param>
internal sealed record TargetVerdict(string Name, double Target, double? Measured, bool Met, string? Note);
