namespace Resilience.ChaosSuite.Workload;

/// <summary>Which member answered an operation.</summary>
/// <param name="Identity">What the platform's identity expression returned (e.g. the member's port).</param>
/// <param name="InRecovery">True when a replica answered.</param>
/// <param name="ViaPrimary">True when a read was sent to the primary by the pipeline's fallback.</param>
internal sealed record ServerAnswer(string Identity, bool InRecovery, bool ViaPrimary);
