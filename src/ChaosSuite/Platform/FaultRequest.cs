namespace Resilience.ChaosSuite.Platform;

/// <summary>A fault to inject into one member.</summary>
/// <param name="Kind">What to do to it.</param>
/// <param name="Member">The member as last observed (its name and incarnation).</param>
public sealed record FaultRequest(FaultKind Kind, MemberObservation Member);

/// <summary>A fault the platform injected; <see cref="IDatabasePlatform.LiftAsync"/> takes it back.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="Member">The member's name.</param>
/// <param name="Reference">
/// The platform's handle on the running fault, when it has one (an FIS experiment id, which
/// StopExperiment needs); null locally.
/// </param>
public sealed record InjectedFault(FaultKind Kind, string Member, string? Reference = null);
