namespace Resilience.ChaosSuite.Platform;

/// <summary>What a platform can do and how fast it may be asked, declared as data.</summary>
/// <param name="Faults">
/// Every fault the platform can inject, with one line saying how it does it on this platform
/// (plans and reports quote it: on Aurora a machine loss is a reboot, and the line says so).
/// </param>
/// <param name="ControlPlaneInterval">
/// The shortest interval between two control-plane reads (members, roles, gates, alarms): zero locally,
/// about one second for RDS Describe* calls. Routing is read faster, from SQL on the endpoints.
/// </param>
/// <param name="SettleBudget">
/// How long the platform may take, after <see cref="IDatabasePlatform.RestoreDesiredStateAsync"/>, to be
/// back at its desired state (a local replacement takes seconds, a new Aurora reader minutes).
/// </param>
public sealed record PlatformCapabilities(
    IReadOnlyDictionary<FaultKind, string> Faults,
    TimeSpan ControlPlaneInterval,
    TimeSpan SettleBudget)
{
    /// <summary>True when the platform can inject <paramref name="kind"/>.</summary>
    public bool CanInject(FaultKind kind) => Faults.ContainsKey(kind);

    /// <summary>How the platform injects <paramref name="kind"/>, for plans and reports.</summary>
    public string Describe(FaultKind kind) =>
        Faults.TryGetValue(kind, out var how) ? how : $"{FaultNames.Of(kind)} (not offered by this platform)";
}
