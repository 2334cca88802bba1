using Resilience.AwsControlPlane;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>
/// The restore drills on Aurora (<see cref="AuroraPointInTimeRestore"/>): table-corruption restores a point-in-time
/// clone of the cell's cluster beside it. A whole-cluster loss is not offered: injecting it would delete the stack's
/// own cluster, which no drill may do (docs/restore-drills.md says how to rehearse it by hand).
/// </summary>
internal sealed partial class AwsPlatform : IPointInTimeRestore
{
    /// <summary>How the restore drills wait on RDS.</summary>
    public AuroraPointInTimeRestoreOptions RestoreOptions { get; init; } = new();

    /// <inheritdoc />
    public string RecoveryPointBound => AuroraPointInTimeRestore.RecoveryPointBound;

    /// <inheritdoc />
    public Task<RestorableRange?> GetRestorableRangeAsync(CancellationToken cancellationToken) =>
        WithRestoreAsync(restore => restore.GetRestorableRangeAsync(cancellationToken));

    /// <inheritdoc />
    public Task<RestoredDatabase> RestoreCopyAsync(DateTimeOffset target, string name, CancellationToken cancellationToken) =>
        WithRestoreAsync(restore => restore.RestoreCopyAsync(target, name, cancellationToken));

    /// <inheritdoc />
    public Task RestoreStackAsync(CancellationToken cancellationToken) =>
        throw new PlatformException("platform aws does not restore a lost cluster: losing every member would delete the stack's own cluster; rehearse it with a point-in-time restore into a new cluster (docs/restore-drills.md)");

    /// <inheritdoc />
    public Task DropCopyAsync(string name, CancellationToken cancellationToken) =>
        WithRestoreAsync(async restore =>
        {
            await restore.DropCopyAsync(name, cancellationToken);
            return true;
        });

    // A control plane that also restores (a test's) is used as it is; otherwise an SDK client lives for the call.
    private async Task<T> WithRestoreAsync<T>(Func<AuroraPointInTimeRestore, Task<T>> action)
    {
        IAuroraRestoreControlPlane? owned = null;
        try
        {
            var rds = _aws as IAuroraRestoreControlPlane ?? (owned = new AwsSdkAuroraRestore(new AwsControlPlaneOptions
            {
                Region = _aws.Region,
                EndpointUrl = _options.EndpointUrl,
                StaticCredentials = _options.StaticCredentials,
            }));
            var restore = new AuroraPointInTimeRestore(_aws, rds, async ct => (await CellAsync(ct)).ClusterIdentifier, _spec.StackName, CopyPassword,
                _options.TimeProvider, RestoreOptions);
            return await action(restore);
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>The copy's own password: an IAM token is signed for one host, so the stack's would be refused there.</summary>
    private PasswordProvider CopyPassword(DatabaseEndpoint copy) =>
        _options.DatabasePassword is { } fixedPassword
            ? PasswordProvider.Fixed(fixedPassword)
            : PasswordProvider.Refreshing(ct => new ValueTask<string>(Guard(() => _aws.CreateDbAuthTokenAsync(copy.Host, copy.Port, _spec.Database.MasterUsername, ct))),
                AwsPlatformConstants.TokenRefresh, AwsPlatformConstants.TokenRetry);
}
