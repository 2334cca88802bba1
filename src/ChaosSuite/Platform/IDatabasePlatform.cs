namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// The database platform a scenario drives: where its endpoints are, what its members are doing, and
/// how to fail them. Adapters exist per <c>resilience:platform</c>; nothing here assumes local processes
/// (an AWS adapter kills a member with FIS or a reboot-with-failover, a Kubernetes one deletes a pod).
/// </summary>
public interface IDatabasePlatform : IAsyncDisposable
{
    /// <summary>The platform's name as the stack file spells it (<c>local</c>, <c>aws</c>, <c>kubernetes</c>).</summary>
    string Kind { get; }

    /// <summary>
    /// A SQL expression, evaluated on a connection, whose text names the member that answered
    /// (<c>inet_server_port()::text</c> locally); it is matched against <see cref="MemberObservation.ServerIdentity"/>.
    /// </summary>
    string ServerIdentitySql { get; }

    /// <summary>Resolves the write and read endpoints and the application's credentials.</summary>
    /// <exception cref="PlatformException">The platform is not reachable or not deployed.</exception>
    Task<DatabaseAccess> ResolveAsync(CancellationToken cancellationToken);

    /// <summary>One observation of every member, the endpoints' routing and the alarms.</summary>
    /// <exception cref="PlatformException">The platform cannot be observed.</exception>
    Task<ClusterObservation> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>Loses the member's machine: it stops at once and its storage is gone.</summary>
    Task KillMemberAsync(string member, CancellationToken cancellationToken);

    /// <summary>Hangs the member's machine: every process stops running but keeps its connections and state.</summary>
    Task FreezeMemberAsync(string member, CancellationToken cancellationToken);

    /// <summary>Resumes a member frozen by <see cref="FreezeMemberAsync"/>.</summary>
    Task ThawMemberAsync(string member, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the platform back to the stack's desired state after a scenario, whatever happened: no
    /// member left frozen, every replica group asked for its desired count. Safe to call repeatedly.
    /// </summary>
    Task RestoreDesiredStateAsync(CancellationToken cancellationToken);
}
