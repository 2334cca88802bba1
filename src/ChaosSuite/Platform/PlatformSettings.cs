namespace Resilience.ChaosSuite.Platform;

/// <summary>What an adapter may need beyond the stack spec, from the command line.</summary>
/// <param name="StacksDir">The directory holding the stack files (<c>Pulumi.&lt;stack&gt;.yaml</c>).</param>
internal sealed record PlatformSettings(string StacksDir)
{
    /// <summary>
    /// Gets the file <c>pulumi stack output --json</c> was saved to, for adapters that find their resources
    /// from it (<c>--stack-outputs</c>); null to find them from the platform itself.
    /// </summary>
    public string? StackOutputsPath { get; init; }

    /// <summary>Gets the clock adapters use.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
