using System.Globalization;
using Resilience.AwsControlPlane;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>
/// The restore drills on Aurora: RestoreDBClusterToPointInTime clones the stack's cluster as it was at the target
/// into a temporary cluster (same subnet group, security groups, key and parameter group; tagged with the drill),
/// CreateDBInstance gives it an instance of the writer's class (a restored cluster has none and cannot serve), and
/// both are deleted afterwards, also when the restore fails or is interrupted. The stack's cluster is only read.
/// </summary>
internal sealed class AuroraPointInTimeRestore(
    IAwsControlPlane aws,
    IAuroraRestoreControlPlane rds,
    Func<CancellationToken, Task<string>> sourceCluster,
    string stack,
    Func<DatabaseEndpoint, PasswordProvider> password,
    TimeProvider time,
    AuroraPointInTimeRestoreOptions options)
{
    /// <summary>What bounds the writes a restore loses on Aurora, for reports.</summary>
    public const string RecoveryPointBound =
        "Aurora's continuous backup: a restore reaches any time up to LatestRestorableTime, which RDS keeps within about 5 minutes of now";

    /// <summary>The window EarliestRestorableTime .. LatestRestorableTime; null when the cluster keeps no backups.</summary>
    public async Task<RestorableRange?> GetRestorableRangeAsync(CancellationToken ct)
    {
        var source = await Call(async () => await rds.DescribeRestoreSourceAsync(await sourceCluster(ct), ct));
        return source is { EarliestRestorableTime: { } from, LatestRestorableTime: { } to }
            ? new RestorableRange(from, to, to) // continuous backup: the newest "backup" is the end of the window
            : null;
    }

    /// <summary>Clones the cluster as it was at <paramref name="target"/> into <c>&lt;cluster&gt;-&lt;name&gt;</c> with one instance; removes both on any failure.</summary>
    public async Task<RestoredDatabase> RestoreCopyAsync(DateTimeOffset target, string name, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var clusterId = await sourceCluster(ct);
        var (copyCluster, copyInstance) = Identifiers(clusterId, name);
        var created = false;
        try
        {
            var source = await WaitForWindowAsync(clusterId, target, ct);
            var writerClass = (await Call(() => aws.DescribeDbInstancesAsync(clusterId, ct))).FirstOrDefault(i => i.InstanceClass is not null)?.InstanceClass
                ?? throw new PlatformException($"cluster {clusterId} has no instance whose class the copy could take");
            var tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [AuroraPointInTimeRestoreConstants.DrillTag] = name,
                ["resilience:stack"] = stack,
                ["resilience:restored-from"] = clusterId,
            };
            created = true; // from here on, whatever happens, the copy is deleted
            await Call(() => rds.RestoreDbClusterToPointInTimeAsync(new AuroraPointInTimeRestoreRequest(source, copyCluster, target, options.CopyOnWrite, tags), ct));
            await Call(() => rds.CreateDbInstanceAsync(copyInstance, copyCluster, writerClass, source.Engine, tags, ct));
            var endpoint = await WaitAvailableAsync(copyCluster, copyInstance, ct);
            return new RestoredDatabase(name, endpoint, target, $"{clusterId} continuous backup ({(options.CopyOnWrite ? "copy-on-write clone" : "full copy")})",
                target, time.GetElapsedTime(started).TotalSeconds) { Password = password(endpoint) };
        }
        catch (Exception e) when (created)
        {
            using var cleanup = new CancellationTokenSource(options.DeleteTimeout, time);
            try
            {
                await Call(() => DeleteAsync(copyCluster, copyInstance, cleanup.Token));
            }
            catch (Exception left) when (left is PlatformException or OperationCanceledException)
            {
                throw new PlatformException($"{(e is OperationCanceledException ? "interrupted" : e.Message)}; and the copy could not be deleted ({left.Message}): " +
                    $"delete instance {copyInstance} and cluster {copyCluster} (tag {AuroraPointInTimeRestoreConstants.DrillTag}={name}) by hand", e);
            }

            throw;
        }
    }

    /// <summary>Deletes copy <paramref name="name"/>'s instance, then its cluster (no final snapshot); nothing when they are gone.</summary>
    public async Task DropCopyAsync(string name, CancellationToken ct)
    {
        var (copyCluster, copyInstance) = Identifiers(await sourceCluster(ct), name);
        await Call(() => DeleteAsync(copyCluster, copyInstance, ct));
    }

    /// <summary>The copy's cluster and instance identifiers: <c>&lt;cluster&gt;-&lt;name&gt;</c>, within RDS's 63 characters.</summary>
    public static (string Cluster, string Instance) Identifiers(string sourceCluster, string name)
    {
        ArgumentNullException.ThrowIfNull(sourceCluster);
        var cluster = $"{sourceCluster}-{name}";
        if (cluster.Length > AuroraPointInTimeRestoreConstants.MaxIdentifier - 2)
        {
            cluster = cluster[..(AuroraPointInTimeRestoreConstants.MaxIdentifier - 2)].TrimEnd('-');
        }

        return (cluster, cluster + "-1");
    }

    private async Task<AuroraRestoreSource> WaitForWindowAsync(string clusterId, DateTimeOffset target, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.WindowWait;
        while (true)
        {
            var source = await Call(() => rds.DescribeRestoreSourceAsync(clusterId, ct));
            if (source.EarliestRestorableTime is not { } from || source.LatestRestorableTime is not { } to)
            {
                throw new PlatformException($"cluster {clusterId} has no restorable window (backups are off); nothing was restored");
            }

            if (target < from)
            {
                throw new PlatformException(string.Create(CultureInfo.InvariantCulture,
                    $"{target.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} is before cluster {clusterId}'s earliest restorable time {from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}; choose a later time"));
            }

            if (target <= to)
            {
                return source;
            }

            // LatestRestorableTime trails now by up to about 5 minutes: a target just before a fault needs a wait.
            if (time.GetUtcNow() >= deadline)
            {
                throw new PlatformException(string.Create(CultureInfo.InvariantCulture,
                    $"cluster {clusterId}'s latest restorable time {to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} did not reach {target.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} within {options.WindowWait.TotalMinutes:0} min; nothing was restored"));
            }

            await Task.Delay(options.PollInterval, time, ct);
        }
    }

    private async Task<DatabaseEndpoint> WaitAvailableAsync(string copyCluster, string copyInstance, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.CreateTimeout;
        while (true)
        {
            var cluster = (await Call(() => aws.DescribeDbClustersAsync(copyCluster, ct))).SingleOrDefault();
            var instance = (await Call(() => aws.DescribeDbInstancesAsync(copyCluster, ct))).FirstOrDefault(i => i.Identifier == copyInstance);
            if (cluster is { Status: "available", Endpoint: { } address } && instance?.Status == "available")
            {
                return new DatabaseEndpoint(address, cluster.Port ?? instance.Port ?? 5432);
            }

            if (instance?.Status is "failed" or "incompatible-restore" or "incompatible-parameters" || cluster?.Status is "failed" or "inaccessible-encryption-credentials")
            {
                throw new PlatformException($"the restored copy failed: cluster {copyCluster} {cluster?.Status ?? "gone"}, instance {copyInstance} {instance?.Status ?? "gone"}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new PlatformException(string.Create(CultureInfo.InvariantCulture,
                    $"the restored copy was not available within {options.CreateTimeout.TotalMinutes:0} min (cluster {copyCluster} {cluster?.Status ?? "not listed"}, instance {copyInstance} {instance?.Status ?? "not listed"})"));
            }

            await Task.Delay(options.PollInterval, time, ct);
        }
    }

    private async Task DeleteAsync(string copyCluster, string copyInstance, CancellationToken ct)
    {
        await RetryingWhileBusy(() => rds.DeleteDbInstanceAsync(copyInstance, ct), ct);
        await RetryingWhileBusy(() => rds.DeleteDbClusterAsync(copyCluster, ct), ct);
    }

    // RDS refuses a delete while the cluster or instance is in a state that forbids it (still creating); it is tried again.
    private async Task RetryingWhileBusy(Func<Task> delete, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await IgnoringNotFound(delete);
                return;
            }
            catch (AwsControlPlaneException e) when (e.Failure is AwsFailure.Conflict || e.ErrorCode is "InvalidDBClusterStateFault" or "InvalidDBInstanceState")
            {
                await Task.Delay(options.PollInterval, time, ct);
            }
        }
    }

    private static async Task IgnoringNotFound(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (AwsControlPlaneException e) when (e.Failure == AwsFailure.NotFound || e.ErrorCode is "DBClusterNotFoundFault" or "DBInstanceNotFound" or "DBInstanceNotFoundFault")
        {
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AwsControlPlaneException e)
        {
            throw new PlatformException(e.Message, e);
        }
    }

    private static async Task Call(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AwsControlPlaneException e)
        {
            throw new PlatformException(e.Message, e);
        }
    }
}
