namespace Resilience.ChaosSuite.Measurement;

/// <summary>What a scenario did to the platform, as the measurements need to know it.</summary>
/// <param name="Description">One line: what was injected where.</param>
/// <param name="InjectedAt">Run seconds when the injection started (durations are measured from here: an upper bound).</param>
/// <param name="TargetMember">The member failed, or null for faults of no single member (load, app faults).</param>
/// <param name="TargetIdentity">That member's server identity (what the workload's answers name).</param>
/// <param name="TargetWasPrimary">True when the target was the primary at injection.</param>
/// <param name="MembersBefore">Every member's <see cref="Platform.MemberObservation.IncarnationKey"/> at injection: any other key is a new member (a replacement, or a rebooted instance under its old name).</param>
/// <param name="ExpectedFailovers">Promotions the fault is expected to cause (1 for a lost or hung primary).</param>
/// <param name="EffectiveAt">Run seconds when the injection call returned: the fault surely holds from here (what happens after it cannot predate the fault).</param>
/// <param name="TargetIncarnation">The target's <see cref="Platform.MemberObservation.IncarnationKey"/> at injection; null means its name.</param>
internal sealed record FaultRecord(
    string Description,
    double InjectedAt,
    string? TargetMember,
    string? TargetIdentity,
    bool TargetWasPrimary,
    IReadOnlySet<string> MembersBefore,
    int ExpectedFailovers,
    double EffectiveAt,
    string? TargetIncarnation = null)
{
    /// <summary>The failed member's identity: its incarnation key, else its name.</summary>
    public string? TargetKey => TargetIncarnation ?? TargetMember;
}
