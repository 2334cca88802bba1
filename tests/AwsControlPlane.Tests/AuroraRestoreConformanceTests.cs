using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests;

/// <summary>
/// The restore drill's RDS calls against the stand-in (ports 31000-31009, the restore drills' range): every request and
/// answer judged by the botocore model, the restore copying the source's network and key, and RDS's refusals read as
/// the failures the drill acts on.
/// </summary>
public sealed class AuroraRestoreConformanceTests
{
    private static readonly ServiceModel Rds = ServiceModel.Load("rds");

    [Fact]
    public async Task A_restore_copies_the_source_s_settings_and_is_deleted_instance_first()
    {
        await using var standIn = new AuroraStandIn(31000, StandInHarness.Region);
        var source = StandInTopology.AddCell(standIn, "staging", "cell-a");
        using var rds = Client(standIn);
        var ct = CancellationToken.None;
        var now = standIn.Time.GetUtcNow();

        var read = await rds.DescribeRestoreSourceAsync(source.Id, ct);
        Assert.Equal((source.Id, "aurora-postgresql", AuroraStandIn.SubnetGroupOf(source), true), (read.Identifier, read.Engine, read.SubnetGroup, read.IamAuthentication));
        Assert.Equal([AuroraStandIn.SecurityGroup], read.SecurityGroupIds);
        Assert.EndsWith($"key/{source.Id}", read.KmsKeyId, StringComparison.Ordinal);
        Assert.True(read.EarliestRestorableTime < now && read.LatestRestorableTime >= now.AddSeconds(-5));

        var tags = new Dictionary<string, string> { ["resilience:restore-drill"] = "drill-table-corruption" };
        await rds.RestoreDbClusterToPointInTimeAsync(new AuroraPointInTimeRestoreRequest(read, "staging-cell-a-drill", now.AddSeconds(-30), true, tags), ct);
        var restore = Assert.Single(standIn.Restores);
        Assert.Equal(("staging-cell-a-drill", source.Id, "copy-on-write", AuroraStandIn.SubnetGroupOf(source), AuroraStandIn.SecurityGroup, "false"),
            (restore.ClusterId, restore.SourceId, restore.Form["RestoreType"], restore.Form["DBSubnetGroupName"], restore.Form["VpcSecurityGroupIds.VpcSecurityGroupId.1"], restore.Form["DeletionProtection"]));
        Assert.Equal(read.KmsKeyId, restore.Form["KmsKeyId"]);
        Assert.Equal(now.AddSeconds(-30).ToUnixTimeMilliseconds(), restore.Target.ToUnixTimeMilliseconds());

        await rds.CreateDbInstanceAsync("staging-cell-a-drill-1", "staging-cell-a-drill", "db.r6g.large", read.Engine, tags, ct);
        lock (standIn.Gate)
        {
            var copy = standIn.Clusters.Single(c => c.Id == "staging-cell-a-drill");
            Assert.Equal("drill-table-corruption", copy.Tags["resilience:restore-drill"]);
            Assert.Equal(("db.r6g.large", true), (copy.Instances[0].InstanceClass, copy.Instances[0].IsWriter));
        }

        // RDS deletes a cluster only once its instances are deleted.
        var busy = await Assert.ThrowsAsync<AwsControlPlaneException>(() => rds.DeleteDbClusterAsync("staging-cell-a-drill", ct));
        Assert.Equal((AwsFailure.Conflict, "InvalidDBClusterStateFault"), (busy.Failure, busy.ErrorCode));
        await rds.DeleteDbInstanceAsync("staging-cell-a-drill-1", ct);
        await rds.DeleteDbClusterAsync("staging-cell-a-drill", ct);
        var gone = await Assert.ThrowsAsync<AwsControlPlaneException>(() => rds.DeleteDbClusterAsync("staging-cell-a-drill", ct));
        Assert.Equal(AwsFailure.NotFound, gone.Failure);
        lock (standIn.Gate)
        {
            Assert.Equal([source.Id], standIn.Clusters.Select(c => c.Id));
        }

        var problems = standIn.Exchanges.SelectMany(ControlPlaneConformanceTests.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(["DescribeDBClusters", "RestoreDBClusterToPointInTime", "CreateDBInstance", "DeleteDBCluster", "DeleteDBInstance"],
            standIn.Exchanges.Select(e => e.Request.Operation).Distinct());
    }

    [Fact]
    public async Task A_target_outside_the_window_is_refused_and_nothing_is_created()
    {
        await using var standIn = new AuroraStandIn(31001, StandInHarness.Region);
        var source = StandInTopology.AddCell(standIn, "staging", "cell-a");
        standIn.RestorableLag = TimeSpan.FromMinutes(5);
        using var rds = Client(standIn);
        var read = await rds.DescribeRestoreSourceAsync(source.Id, CancellationToken.None);

        var e = await Assert.ThrowsAsync<AwsControlPlaneException>(() => rds.RestoreDbClusterToPointInTimeAsync(
            new AuroraPointInTimeRestoreRequest(read, "staging-cell-a-drill", standIn.Time.GetUtcNow(), true, new Dictionary<string, string>()), CancellationToken.None));

        Assert.Equal("InvalidRestoreFault", e.ErrorCode);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(standIn.Restores);
    }

    private static AwsSdkAuroraRestore Client(AuroraStandIn standIn) => new(new AwsControlPlaneOptions
    {
        Region = StandInHarness.Region,
        EndpointUrl = standIn.Url,
        StaticCredentials = StandInHarness.Credentials,
        MaxAttempts = 1,
    });
}
