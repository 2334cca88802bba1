namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// The database platform a scenario drives: where its endpoints are, what its members are doing, which
/// faults it can inject and how. One adapter per <c>resilience:platform</c>, each in its own folder, chosen
/// in <see cref="PlatformFactory"/>; the rest of the suite knows only this contract (README "Platforms").
/// </summary>
public interface IDatabasePlatform : IAsyncDisposable
{
    /// <summary>The platform's name as the stack file spells it (<c>local</c>, <c>aws</c>, <c>kubernetes</c>).</summary>
    string Kind { get; }

    /// <summary>The faults it can inject, how often its control plane may be read, how long it takes to settle.</summary>
    PlatformCapabilities Capabilities { get; }

    /// <summary>
    /// The fast read of routing: a SQL expression, evaluated on a connection through an endpoint, whose text
    /// names the member that answered (<c>inet_server_port()</c> locally, <c>aurora_db_instance_identifier()</c>
    /// on Aurora); it is matched against <see cref="MemberObservation.ServerIdentity"/>.
    /// </summary>
    string ServerIdentitySql { get; }

    /// <summary>Resolves the write and read endpoints and the application's credentials (a provider, not a fixed string).</summary>
    /// <exception cref="PlatformException">The platform is not reachable or not deployed.</exception>
    Task<DatabaseAccess> ResolveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One observation: the endpoints' routing read now, paired with the newest control-plane read (no more
    /// often than <see cref="PlatformCapabilities.ControlPlaneInterval"/>; its age is the observation's
    /// <see cref="ClusterObservation.Staleness"/>). Adapters use <see cref="ControlPlaneCache{T}"/> for the slow half.
    /// </summary>
    /// <exception cref="PlatformException">The platform cannot be observed.</exception>
    Task<ClusterObservation> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>Injects a fault the platform declared in <see cref="PlatformCapabilities.Faults"/>.</summary>
    /// <exception cref="PlatformException">The platform refused or failed to inject it.</exception>
    Task<InjectedFault> InjectAsync(FaultRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Takes back a fault that is still running (thaws a frozen member, stops an FIS experiment); does
    /// nothing for one that cannot be taken back (a lost machine). Safe to call repeatedly.
    /// </summary>
    Task LiftAsync(InjectedFault fault, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the platform to go back to the stack's desired state after a scenario, whatever happened: no
    /// fault left running, every replica group asked for its desired count. Returns once asked; getting
    /// there may take up to <see cref="PlatformCapabilities.SettleBudget"/>. Safe to call repeatedly.
    /// </summary>
    Task RestoreDesiredStateAsync(CancellationToken cancellationToken);
}
