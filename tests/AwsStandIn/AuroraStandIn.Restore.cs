using System.Globalization;
using System.Xml.Linq;

namespace Resilience.AwsStandIn;

/// <summary>What RestoreDBClusterToPointInTime was asked: the new cluster, its source, the target and every form member.</summary>
public sealed record StandInRestore(string ClusterId, string SourceId, DateTimeOffset Target, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// The restore half: RestoreDBClusterToPointInTime, CreateDBInstance, DeleteDBInstance and DeleteDBCluster with RDS's
/// rules as the Aurora user guide states them (a restored cluster has no instance and cannot serve until one is created
/// in it; a cluster is deleted only once its instances are; a target outside the restorable window is refused), and the
/// restorable window and network settings DescribeDBClusters reports for a restore to copy.
/// </summary>
public sealed partial class AuroraStandIn
{
    private DateTimeOffset? _earliestRestorable;

    /// <summary>The start of every cluster's restorable window; defaults to a day before it is first read.</summary>
    public DateTimeOffset EarliestRestorableTime
    {
        get => _earliestRestorable ??= Time.GetUtcNow().AddDays(-1);
        set => _earliestRestorable = value;
    }

    /// <summary>How far LatestRestorableTime trails the stand-in's clock (Aurora keeps it within about 5 minutes).</summary>
    public TimeSpan RestorableLag { get; set; } = TimeSpan.Zero;

    /// <summary>Every restore accepted, in order.</summary>
    public List<StandInRestore> Restores { get; } = [];

    /// <summary>
    /// Brings up the database behind a restored cluster (outside the lock) and returns where it listens; the cluster and
    /// its instances are <c>creating</c> until it returns. Null: available at once on 127.0.0.1 at the source's port.
    /// </summary>
    public Func<StandInRestore, Task<(string Address, int Port)>>? OnRestore { get; set; }

    /// <summary>Called (outside the lock) once a restored cluster is deleted, to remove what <see cref="OnRestore"/> started.</summary>
    public Func<StandInRestore, Task>? OnRestoredClusterDeleted { get; set; }

    /// <summary>The subnet group a cluster reports (the Pulumi program's name for it).</summary>
    public static string SubnetGroupOf(StandInCluster cluster) => $"{cluster?.Id}-subnets";

    /// <summary>The security group every stand-in cluster reports.</summary>
    public const string SecurityGroup = "sg-0a1b2c3d4e5f60718";

    private Reply RestoreOperation(string operation, IReadOnlyDictionary<string, string> form) => operation switch
    {
        "RestoreDBClusterToPointInTime" => RestoreToPointInTime(form),
        "CreateDBInstance" => CreateInstance(form),
        "DeleteDBInstance" => DeleteInstance(form),
        "DeleteDBCluster" => DeleteCluster(form),
        _ => throw new StandInFault(400, "InvalidAction", $"the stand-in does not serve {operation}"),
    };

    /// <summary>The members of a DBCluster a restore copies.</summary>
    private IEnumerable<XElement> RestoreMembersXml(StandInCluster c) =>
    [
        new XElement(RdsNs + "EarliestRestorableTime", Iso(EarliestRestorableTime)),
        new XElement(RdsNs + "LatestRestorableTime", Iso(Time.GetUtcNow() - RestorableLag)),
        new XElement(RdsNs + "DBSubnetGroup", SubnetGroupOf(c)),
        new XElement(RdsNs + "VpcSecurityGroups", new XElement(RdsNs + "VpcSecurityGroupMembership",
            new XElement(RdsNs + "VpcSecurityGroupId", SecurityGroup), new XElement(RdsNs + "Status", "active"))),
        new XElement(RdsNs + "KmsKeyId", $"arn:aws:kms:{Region}:123456789012:key/{c.Id}"),
        new XElement(RdsNs + "IAMDatabaseAuthenticationEnabled", "true"),
    ];

    private Reply RestoreToPointInTime(IReadOnlyDictionary<string, string> form)
    {
        var source = ClusterNamed(Required(form, "SourceDBClusterIdentifier"));
        var id = Required(form, "DBClusterIdentifier");
        if (Clusters.Any(c => c.Id == id))
        {
            throw new StandInFault(400, "DBClusterAlreadyExistsFault", $"DB Cluster already exists: {id}");
        }

        var latest = Time.GetUtcNow() - RestorableLag;
        var target = form.TryGetValue("RestoreToTime", out var at)
            ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : form.GetValueOrDefault("UseLatestRestorableTime") == "true" ? latest
            : throw new StandInFault(400, "InvalidParameterCombination", "Either RestoreToTime or UseLatestRestorableTime must be given.");
        if (target < EarliestRestorableTime || target > latest)
        {
            throw new StandInFault(400, "InvalidRestoreFault", $"The restore time {Iso(target)} is not within the restorable window {Iso(EarliestRestorableTime)} - {Iso(latest)} of {source.Id}.");
        }

        var cluster = new StandInCluster { Id = id, Status = "creating", Port = source.Port };
        foreach (var (key, value) in TagsOf(form))
        {
            cluster.Tags[key] = value;
        }

        var restore = new StandInRestore(id, source.Id, target, new Dictionary<string, string>(form, StringComparer.Ordinal));
        Clusters.Add(cluster);
        Restores.Add(restore);
        return QueryReply(RdsNs, "RestoreDBClusterToPointInTime", ClusterXml(cluster)) with { AfterReply = () => BringUpAsync(restore) };
    }

    private async Task BringUpAsync(StandInRestore restore)
    {
        (string Address, int Port) where = ("127.0.0.1", 0);
        string status;
        try
        {
            where = OnRestore is { } up ? await up(restore) : ("127.0.0.1", -1);
            status = "available";
        }
#pragma warning disable CA1031 // A failed restore shows as a failed cluster, as on RDS.
        catch (Exception)
#pragma warning restore CA1031
        {
            status = "failed";
        }

        lock (Gate)
        {
            if (Clusters.FirstOrDefault(c => c.Id == restore.ClusterId) is not { } cluster)
            {
                return; // deleted meanwhile
            }

            if (where.Port > 0)
            {
                cluster.WriterAddress = cluster.ReaderAddress = where.Address;
                cluster.Port = where.Port;
            }

            cluster.Status = status;
            foreach (var instance in cluster.Instances)
            {
                (instance.Address, instance.Port, instance.Status) = (cluster.WriterAddress, cluster.Port, status);
            }
        }
    }

    private Reply CreateInstance(IReadOnlyDictionary<string, string> form)
    {
        var id = Required(form, "DBInstanceIdentifier");
        var cluster = ClusterNamed(Required(form, "DBClusterIdentifier"));
        if (Clusters.SelectMany(c => c.Instances).Any(i => i.Id == id))
        {
            throw new StandInFault(400, "DBInstanceAlreadyExists", $"DB instance already exists: {id}");
        }

        var instance = new StandInInstance
        {
            Id = id,
            IsWriter = cluster.Instances.Count == 0,
            InstanceClass = Required(form, "DBInstanceClass"),
            Status = cluster.Status == "available" ? "available" : "creating",
            Address = cluster.WriterAddress,
            Port = cluster.Port,
            CreateTime = Time.GetUtcNow(),
            PromotionTier = 1,
        };
        cluster.Instances.Add(instance);
        return QueryReply(RdsNs, "CreateDBInstance", InstanceXml(cluster, instance));
    }

    private Reply DeleteInstance(IReadOnlyDictionary<string, string> form)
    {
        var id = Required(form, "DBInstanceIdentifier");
        var (cluster, instance) = Clusters.SelectMany(c => c.Instances.Select(i => (c, i))).FirstOrDefault(p => p.i.Id == id);
        if (instance is null)
        {
            throw new StandInFault(404, "DBInstanceNotFound", $"DBInstance {id} not found.");
        }

        cluster.Instances.Remove(instance);
        instance.Status = "deleting";
        return QueryReply(RdsNs, "DeleteDBInstance", InstanceXml(cluster, instance));
    }

    private Reply DeleteCluster(IReadOnlyDictionary<string, string> form)
    {
        var cluster = ClusterNamed(Required(form, "DBClusterIdentifier"));
        if (cluster.Instances.Count > 0)
        {
            throw new StandInFault(400, "InvalidDBClusterStateFault", "Cluster cannot be deleted, it still contains DB instances in non-deleting state.");
        }

        if (cluster.Status == "creating")
        {
            throw new StandInFault(400, "InvalidDBClusterStateFault", $"DB cluster {cluster.Id} is not in a valid state: creating.");
        }

        if (form.GetValueOrDefault("SkipFinalSnapshot") != "true" && !form.ContainsKey("FinalDBSnapshotIdentifier"))
        {
            throw new StandInFault(400, "InvalidParameterCombination", "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
        }

        Clusters.Remove(cluster);
        cluster.Status = "deleting";
        var restore = Restores.FirstOrDefault(r => r.ClusterId == cluster.Id);
        var reply = QueryReply(RdsNs, "DeleteDBCluster", ClusterXml(cluster));
        return restore is not null && OnRestoredClusterDeleted is { } deleted ? reply with { AfterReply = () => deleted(restore) } : reply;
    }

    private static IEnumerable<KeyValuePair<string, string>> TagsOf(IReadOnlyDictionary<string, string> form)
    {
        for (var i = 1; form.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"Tags.Tag.{i}.Key"), out var key); i++)
        {
            yield return new(key, form.GetValueOrDefault(string.Create(CultureInfo.InvariantCulture, $"Tags.Tag.{i}.Value")) ?? "");
        }
    }
}
