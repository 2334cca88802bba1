using System.Text.Json;
using System.Text.Json.Nodes;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Kubernetes;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>
/// The restore drill's recovery Cluster, built from a cell Cluster as the Pulumi program declares it
/// (infra/kubernetes/cnpgCluster.ts): valid against CloudNativePG 1.30.0's CRD schema, reading the source's object
/// store, never archiving into it, and one instance without the source's synchronous replication.
/// </summary>
public sealed class CnpgRecoveryClusterTests
{
    private static readonly DateTimeOffset Target = new(2026, 12, 1, 3, 5, 0, 123456 / 1000, TimeSpan.Zero);

    private static JsonElement Source(bool withBackup = true)
    {
        var spec = new JsonObject
        {
            ["instances"] = 3,
            ["imageName"] = "ghcr.io/cloudnative-pg/postgresql:15.8",
            ["storage"] = new JsonObject { ["size"] = "50Gi", ["storageClass"] = "gp3" },
            ["serviceAccountTemplate"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["eks.amazonaws.com/role-arn"] = "arn:aws:iam::123456789012:role/pg-backup" } } },
            ["postgresql"] = new JsonObject
            {
                ["parameters"] = new JsonObject { ["shared_buffers"] = "256MB" },
                ["synchronous"] = new JsonObject { ["method"] = "any", ["number"] = 1, ["dataDurability"] = "required" },
            },
            ["bootstrap"] = new JsonObject { ["initdb"] = new JsonObject { ["database"] = "app", ["owner"] = "app" } },
        };
        if (withBackup)
        {
            spec["backup"] = new JsonObject
            {
                ["retentionPolicy"] = "7d",
                ["barmanObjectStore"] = new JsonObject
                {
                    ["destinationPath"] = "s3://acme-pg-backups/k8s-staging/pg-default",
                    ["s3Credentials"] = new JsonObject { ["inheritFromIAMRole"] = true },
                    ["wal"] = new JsonObject { ["compression"] = "gzip" },
                    ["data"] = new JsonObject { ["compression"] = "gzip" },
                },
            };
        }

        var cluster = new JsonObject
        {
            ["apiVersion"] = "postgresql.cnpg.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["name"] = "pg-default", ["namespace"] = "databases" },
            ["spec"] = spec,
        };
        return JsonSerializer.SerializeToElement(cluster);
    }

    [Fact]
    public void The_recovery_cluster_is_valid_reads_the_source_s_store_and_never_archives_into_it()
    {
        var manifest = CnpgRecoveryCluster.Manifest(Source(), "drill-table-corruption", Target, "app", "app");

        Assert.Empty(CnpgCrdSchema.Violations(manifest));
        Assert.Equal("pg-default-drill-table-corruption", manifest["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("drill-table-corruption", manifest["metadata"]!["labels"]![CnpgRecoveryCluster.DrillLabel]!.GetValue<string>());
        var spec = manifest["spec"]!;
        Assert.Equal(1, spec["instances"]!.GetValue<int>());
        Assert.Null(spec["backup"]); // archiving into the source's store would corrupt its backups
        var recovery = spec["bootstrap"]!["recovery"]!;
        Assert.Equal(("origin", "app", "app", "pg-default-app"),
            (recovery["source"]!.GetValue<string>(), recovery["database"]!.GetValue<string>(), recovery["owner"]!.GetValue<string>(), recovery["secret"]!["name"]!.GetValue<string>()));
        Assert.Equal("2026-12-01 03:05:00.123000+00", recovery["recoveryTarget"]!["targetTime"]!.GetValue<string>());
        var origin = Assert.Single(spec["externalClusters"]!.AsArray())!;
        Assert.Equal("origin", origin["name"]!.GetValue<string>());
        Assert.Equal(("s3://acme-pg-backups/k8s-staging/pg-default", "pg-default", true),
            (origin["barmanObjectStore"]!["destinationPath"]!.GetValue<string>(), origin["barmanObjectStore"]!["serverName"]!.GetValue<string>(),
             origin["barmanObjectStore"]!["s3Credentials"]!["inheritFromIAMRole"]!.GetValue<bool>()));
        // The same image, storage and workload identity (the store's credentials); no synchronous standbys to wait for.
        Assert.Equal("ghcr.io/cloudnative-pg/postgresql:15.8", spec["imageName"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::123456789012:role/pg-backup", spec["serviceAccountTemplate"]!["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!.GetValue<string>());
        Assert.Null(spec["postgresql"]!["synchronous"]);
        Assert.Equal("256MB", spec["postgresql"]!["parameters"]!["shared_buffers"]!.GetValue<string>());
    }

    [Fact]
    public void A_cluster_without_an_object_store_is_refused_in_one_line()
    {
        var e = Assert.Throws<PlatformException>(() => CnpgRecoveryCluster.Manifest(Source(withBackup: false), "drill-table-corruption", Target, "app", "app"));

        Assert.StartsWith("Cluster pg-default in namespace databases archives to no object store", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_long_name_is_cut_to_what_cloudnativepg_allows()
    {
        var name = CnpgRecoveryCluster.NameOf("pg-a-very-long-cell-name-for-a-region", "drill-table-corruption");

        Assert.True(name.Length <= 50);
        Assert.False(name.EndsWith('-'));
        Assert.StartsWith("pg-a-very-long-cell-name-for-a-region-drill", name, StringComparison.Ordinal);
    }
}
