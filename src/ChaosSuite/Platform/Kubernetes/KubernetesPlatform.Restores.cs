namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// The restore drills on CloudNativePG (<see cref="CnpgPointInTimeRestore"/>): table-corruption restores a recovery
/// Cluster from the object store beside the cell's Cluster. A whole-cluster loss is not offered: injecting it would
/// delete the stack's own Cluster and its volumes.
/// </summary>
internal sealed partial class KubernetesPlatform : IPointInTimeRestore
{
    /// <summary>How the restore drills wait on the operator.</summary>
    public CnpgPointInTimeRestoreOptions RestoreOptions { get; init; } = new();

    /// <inheritdoc />
    public string RecoveryPointBound => CnpgPointInTimeRestore.RecoveryPointBound;

    /// <inheritdoc />
    public async Task<RestorableRange?> GetRestorableRangeAsync(CancellationToken cancellationToken) =>
        await (await RestoresAsync(cancellationToken)).GetRestorableRangeAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<RestoredDatabase> RestoreCopyAsync(DateTimeOffset target, string name, CancellationToken cancellationToken) =>
        await (await RestoresAsync(cancellationToken)).RestoreCopyAsync(target, name, cancellationToken);

    /// <inheritdoc />
    public Task RestoreStackAsync(CancellationToken cancellationToken) =>
        throw new PlatformException("platform kubernetes does not restore a lost cluster: losing every member would delete the stack's own Cluster and volumes; rehearse it with a recovery Cluster (docs/restore-drills.md)");

    /// <inheritdoc />
    public async Task DropCopyAsync(string name, CancellationToken cancellationToken) =>
        await (await RestoresAsync(cancellationToken)).DropCopyAsync(name, cancellationToken);

    private async Task<CnpgPointInTimeRestore> RestoresAsync(CancellationToken cancellationToken)
    {
        var access = await ResolveAsync(cancellationToken);
        return new CnpgPointInTimeRestore(_api, access, access.Username, _options.TimeProvider, RestoreOptions);
    }
}
