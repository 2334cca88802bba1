namespace Resilience.Topology.Tests;

public class StackSpecLoaderTests
{
    private static StackSpec Parse(string yaml) => StackSpecLoader.Parse(yaml, "Pulumi.test.yaml", "test");

    private static StackFileException Rejects(string yaml) => Assert.Throws<StackFileException>(() => Parse(yaml));

    [Fact]
    public void Local_stack_is_a_primary_with_one_group_of_two()
    {
        var spec = StackSpecLoader.LoadStack(RepoPaths.Root, "local");

        Assert.Equal("local", spec.StackName);
        Assert.Equal(Platform.Local, spec.Platform);
        var group = Assert.Single(spec.ReplicaGroups);
        Assert.Equal(new GroupSize(1, 2, 3), group.Size);
        Assert.True(spec.Database.SynchronousReplication);
        Assert.True(group.Warmup.AllRelations);
        // Every scenario, the restore drills last (cluster-loss replaces the whole cluster).
        Assert.Equal(Scenarios.All.Where(s => s is not ("table-corruption" or "cluster-loss")).Concat(["table-corruption", "cluster-loss"]), spec.Gameday.Scenarios);
    }

    [Fact]
    public void Prod_is_aws_over_three_zones_with_stricter_targets_than_staging()
    {
        var prod = StackSpecLoader.LoadStack(RepoPaths.Root, "prod");
        var staging = StackSpecLoader.LoadStack(RepoPaths.Root, "staging");

        Assert.Equal(Platform.Aws, prod.Platform);
        Assert.Equal(3, prod.Aws!.AvailabilityZones.Count);
        Assert.True(prod.RecoveryTargets.WriteUnavailableSeconds < staging.RecoveryTargets.WriteUnavailableSeconds);
        Assert.True(prod.Database.DeletionProtection);
        Assert.Equal(DeploymentEnvironment.Production, prod.Environment);
        Assert.Equal(DeploymentEnvironment.Staging, staging.Environment);
        Assert.Equal(["public.appointments", "public.prescriptions", "public.patients"], prod.FindGroup("readers")!.Warmup.Relations);
    }

    [Fact]
    public void Every_default_is_applied_to_an_empty_config()
    {
        var spec = Parse("config: {}");

        Assert.Equal(Platform.Local, spec.Platform);
        Assert.Equal(DeploymentEnvironment.Development, spec.Environment);
        Assert.Equal(new DatabaseSpec("15", "db.r6g.large", 20, true, 7, false, false, null, "app", "app", null, "sun:22:00-sun:22:30", "01:00-01:30"), spec.Database);
        var group = Assert.Single(spec.ReplicaGroups);
        Assert.Equal("readers", group.Name);
        Assert.Equal(new GroupSize(1, 2, 3), group.Size);
        Assert.Equal("db.r6g.large", group.InstanceClass);
        Assert.Equal(1, group.PromotionTier);
        Assert.Null(group.Autoscaling);
        Assert.Null(group.Warmup.Relations);
        Assert.Equal(["app"], group.Warmup.Databases);
        Assert.False(group.Warmup.FullStorageRead);
        Assert.Equal(1, group.Warmup.MaxReplayLagSeconds);
        Assert.Equal(10, group.Warmup.MinWarmSeconds);
        Assert.Equal(3, group.Warmup.LagGraceSeconds);
        Assert.Equal(0, group.Warmup.IoRateMbPerSecond);
        Assert.Equal(new EndpointsSpec("writer", "warm-readers"), spec.Endpoints);
        Assert.Equal(["primary-cpu-high", "reader-cpu-high", "replica-lag-high", "warm-replicas-low", "connections-high"], spec.Alarms.Select(a => a.Name));
        Assert.Equal(new RecoveryTargets(30, 15, 600, 300, 0, 0, 100, 0, 120, 0, 30), spec.RecoveryTargets);
        Assert.Equal([new CellSpec("default", "app")], spec.Cells);
        Assert.Equal(["replica-hardware-failure", "primary-failure", "primary-overload"], spec.Gameday.Scenarios);
        Assert.Equal("0 3 * * 1", spec.Gameday.Schedule);
        Assert.Empty(spec.Notifications.Emails);
        Assert.Null(spec.Notifications.WebhookUrl);
        Assert.Equal(new LocalPlatformSpec(25400, null, new PatroniTiming(6, 1, 2), new HaproxyTiming(250, 2, 1)), spec.Local);
        Assert.Null(spec.Aws);
        Assert.Null(spec.Kubernetes);
    }

    [Fact]
    public void Kubernetes_monitoring_is_on_unless_the_stack_opts_out()
    {
        var defaults = Parse("config: { resilience:kubernetes: {} }");
        var optedOut = Parse("config: { resilience:kubernetes: { monitoring: false } }");

        Assert.True(defaults.Kubernetes!.Monitoring);
        Assert.False(optedOut.Kubernetes!.Monitoring);
        Assert.Equal("resilience:kubernetes.monitoring", Rejects("config: { resilience:kubernetes: { monitoring: off } }").KeyPath);
    }

    [Fact]
    public void Autoscaling_fields_default_when_the_object_is_given()
    {
        var spec = Parse("""
            config:
              resilience:replicaGroups:
                - name: readers
                  autoscaling: { targetCpuPercent: 55 }
            """);

        Assert.Equal(new AutoscalingSpec(55, 60, 300), spec.ReplicaGroups[0].Autoscaling);
    }

    [Fact]
    public void Min_above_desired_names_file_key_and_values()
    {
        var e = Rejects("""
            config:
              resilience:replicaGroups:
                - name: readers
                  size: { min: 3, desired: 2, max: 4 }
            """);

        Assert.Equal("Pulumi.test.yaml: resilience:replicaGroups[0].size: min 3 > desired 2", e.Message);
    }

    [Theory]
    [InlineData("resilience:platform: gcp", "resilience:platform: must be local, aws or kubernetes, got 'gcp'")]
    [InlineData("resilience:database: { storageGb: 0 }", "resilience:database.storageGb: must be 1 to 65536, got 0")]
    [InlineData("resilience:database: { engineVersion: latest }", "resilience:database.engineVersion: must be a pinned version like 15 or 15.4, got 'latest'")]
    [InlineData("resilience:database: { synchronousReplication: maybe }", "resilience:database.synchronousReplication: expected true or false, got 'maybe'")]
    [InlineData("resilience:database: { kmsKeyId: my-key }", "resilience:database.kmsKeyId: must be a KMS key ARN (arn:...), got 'my-key'")]
    [InlineData("resilience:replicaGroups: []", "resilience:replicaGroups: needs at least one replica group")]
    [InlineData("resilience:replicaGroups: [{ name: Readers }]", "resilience:replicaGroups[0].name: must be lowercase letters, digits and '-', starting with a letter, got 'Readers'")]
    [InlineData("resilience:replicaGroups: [{ name: r, size: { desired: 4, max: 3 } }]", "resilience:replicaGroups[0].size: desired 4 > max 3")]
    [InlineData("resilience:replicaGroups: [{ name: r, promotionTier: 16 }]", "resilience:replicaGroups[0].promotionTier: must be 0 to 15, got 16")]
    [InlineData("resilience:replicaGroups: [{ name: r, warmup: { relations: some } }]", "resilience:replicaGroups[0].warmup.relations: must be 'all' or a list of schema.table names, got 'some'")]
    [InlineData("resilience:database: { engineVersion: 15.10 }", "resilience:database.engineVersion: must be quoted (an unquoted 15.10 is a number, and 15.10 would read as 15.1)")]
    [InlineData("resilience:replicaGroups: [{ name: r, warmup: { relations: [appointments] } }]", "resilience:replicaGroups[0].warmup.relations[0]: must be a schema.table name, got 'appointments'")]
    [InlineData("resilience:endpoints: { write: { name: db }, read: { name: db } }", "resilience:endpoints.read.name: must differ from write.name, both are 'db'")]
    [InlineData("resilience:alarms: [{ name: a, metric: connections }]", "resilience:alarms[0].threshold: is required")]
    [InlineData("resilience:alarms: [{ name: a, metric: connections, threshold: 1, comparison: equal }]", "resilience:alarms[0].comparison: must be greaterThan or lessThan, got 'equal'")]
    [InlineData("resilience:recoveryTargets: { coldReads: 1.5 }", "resilience:recoveryTargets.coldReads: expected a whole number, got '1.5'")]
    [InlineData("resilience:gameday: { targets: { meteor: { writeUnavailableSeconds: 4 } } }", "resilience:gameday.targets.meteor: unknown scenario 'meteor' (known: replica-hardware-failure, primary-failure, primary-hang, primary-overload, app-faults, double-fault, primary-degraded-host, table-corruption, cluster-loss)")]
    [InlineData("resilience:gameday: { targets: { primary-hang: { writeUnavailableSeconds: -1 } } }", "resilience:gameday.targets.primary-hang.writeUnavailableSeconds: must be >= 0, got -1")]
    [InlineData("resilience:gameday: { targets: { app-faults: { coldReads: 1.5 } } }", "resilience:gameday.targets.app-faults.coldReads: expected a whole number, got '1.5'")]
    [InlineData("resilience:gameday: { targets: { primary-failure: { lostWrites: 1 } } }", "resilience:gameday.targets.primary-failure.lostWrites: must be 0 with synchronous replication, got 1")]
    [InlineData("resilience:gameday: { targets: { cluster-loss: { restoreSeconds: 60 } } }", "resilience:gameday.targets.cluster-loss.restoreSeconds: unknown key")]
    [InlineData("resilience:gameday: { targets: { primary-failure: 4 } }", "resilience:gameday.targets.primary-failure: expected an object, got '4'")]
    [InlineData("resilience:cells: [{ name: a }, { name: a }]", "resilience:cells[1].name: duplicate name 'a'")]
    [InlineData("resilience:gameday: { schedule: '* * *' }", "resilience:gameday.schedule: expected 5 cron fields (minute hour day-of-month month day-of-week), got 3 in '* * *'")]
    [InlineData("resilience:gameday: { scenarios: [primary-failure, primary-failure] }", "resilience:gameday.scenarios[1]: scenario 'primary-failure' is listed twice")]
    [InlineData("resilience:notifications: { webhookUrl: 'http://example.com/hook' }", "resilience:notifications.webhookUrl: must be an https:// URL (or http://127.0.0.1 for local), got 'http://example.com/hook'")]
    [InlineData("resilience:local: { portBase: 80 }", "resilience:local.portBase: must be 1024 to 65000, got 80")]
    [InlineData("resilience:local: { stateDir: relative/dir }", "resilience:local.stateDir: must be an absolute path, got 'relative/dir'")]
    [InlineData("resilience:kubernetes: { namespace: Bad_NS }", "resilience:kubernetes.namespace: must be a DNS label (lowercase letters, digits, '-'), got 'Bad_NS'")]
    [InlineData("resilience:platform: aws", "resilience:aws: is required on platform aws (vpcId, subnetIds, availabilityZones)")]
    [InlineData("{ resilience:platform: kubernetes, resilience:database: { instanceClass: medium } }", "resilience:gameday.image: is required on platform kubernetes: the scheduled game-day runs this image; set the reference .github/workflows/chaos-image.yml pushed (e.g. ghcr.io/<owner>/<repo>/chaos@sha256:<digest>)")]
    [InlineData("resilience:gameday: { image: 'ghcr.io/example/chaos@sha256:abc' }", "resilience:gameday.image: must be an image reference with a tag or a digest (registry/name:tag or registry/name@sha256:<64 hex>), got 'ghcr.io/example/chaos@sha256:abc'")]
    [InlineData("resilience:environment: prod", "resilience:environment: must be development, staging or production, got 'prod'")]
    [InlineData("resilience:database: { kmsKeyId: 'arn:aws:kms:eu-central-1:12345:key/x' }", "resilience:database.kmsKeyId: must be a KMS key ARN arn:aws:kms:<region>:<12-digit account>:key/<key id> (or alias/<name>), got 'arn:aws:kms:eu-central-1:12345:key/x'")]
    [InlineData("resilience:database: { maintenanceWindow: 'sunday 22:00' }", "resilience:database.maintenanceWindow: must be ddd:hh24:mi-ddd:hh24:mi (UTC, e.g. sun:22:00-sun:22:30), got 'sunday 22:00'")]
    [InlineData("resilience:database: { backupWindow: '01:00-01:20' }", "resilience:database.backupWindow: must be at least 30 minutes long, got 20 in '01:00-01:20'")]
    [InlineData("resilience:database: { maintenanceWindow: 'sat:23:50-sun:00:20', backupWindow: '00:00-00:30' }", "resilience:database.backupWindow: 00:00-00:30 overlaps maintenanceWindow sat:23:50-sun:00:20 at sun 00:00 (AWS refuses that)")]
    [InlineData("{ resilience:platform: aws, resilience:aws: { vpcId: vpc-0123, subnetIds: [subnet-0aaa1111bbbb2222c, subnet-0ddd3333eeee4444f], availabilityZones: [eu-central-1a, eu-central-1b] } }", "resilience:aws.vpcId: must be 'vpc-' followed by 8 or 17 lowercase hex digits, got 'vpc-0123'")]
    [InlineData("{ resilience:platform: aws, resilience:aws: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0aaa1111bbbb2222c, subnet-0ddd3333eeee4444f], availabilityZones: [eu-central-1a, eu-central-1b], allowedSecurityGroupIds: [sg-0123456789ABCDEF0] } }", "resilience:aws.allowedSecurityGroupIds[0]: must be 'sg-' followed by 8 or 17 lowercase hex digits, got 'sg-0123456789ABCDEF0'")]
    [InlineData("{ resilience:platform: kubernetes, resilience:database: { instanceClass: medium }, resilience:gameday: { schedule: '0 21 * * 0' } }", "resilience:database.maintenanceWindow: sun:22:00-sun:22:30 overlaps the game-day at sun 22:00 (resilience:gameday.schedule '0 21 * * 0', each run allowed 120 minutes); move the window or the schedule")]
    [InlineData("{ resilience:platform: kubernetes, resilience:database: { instanceClass: medium }, resilience:gameday: { schedule: '30 0 1 * *' } }", "resilience:database.backupWindow: 01:00-01:30 overlaps the game-day at sun 01:00 (resilience:gameday.schedule '30 0 1 * *', each run allowed 120 minutes); move the window or the schedule")]
    [InlineData("resilience:backup: { schedule: '0 2 * *' }", "resilience:backup.schedule: expected 5 cron fields (minute hour day-of-month month day-of-week), got 4 in '0 2 * *'")]
    [InlineData("resilience:backup: { retentionFullBackups: 0 }", "resilience:backup.retentionFullBackups: must be >= 1, got 0")]
    [InlineData("resilience:backup: { targets: { restoreSeconds: 0 } }", "resilience:backup.targets.restoreSeconds: must be > 0, got 0")]
    [InlineData("resilience:backup: { targets: { rpo: 5 } }", "resilience:backup.targets.rpo: unknown key")]
    [InlineData("resilience:replicas: 2", "resilience:replicas: unknown key (known: resilience:platform, resilience:environment, resilience:database, resilience:replicaGroups, resilience:endpoints, resilience:alarms, resilience:recoveryTargets, resilience:cells, resilience:gameday, resilience:backup, resilience:notifications, resilience:local, resilience:aws, resilience:kubernetes)")]
    public void Bad_values_are_rejected_with_key_path_and_value(string config, string message)
    {
        var e = Rejects("config:\n  " + config);

        Assert.Equal("Pulumi.test.yaml: " + message, e.Message);
    }

    [Fact]
    public void A_game_day_target_overrides_the_stack_wide_target_for_its_scenario_only()
    {
        var spec = Parse("""
            config:
              resilience:recoveryTargets: { writeUnavailableSeconds: 15, readerRemovalSeconds: 5 }
              resilience:gameday:
                scenarios: [primary-failure]
                targets:
                  primary-failure: { writeUnavailableSeconds: 4 }
                  primary-hang: { writeUnavailableSeconds: 20 }
                  double-fault: ~
            """);

        // primary-hang is not in scenarios: a stack may keep targets for scenarios it runs only from the CLI.
        Assert.Equal(["primary-failure", "primary-hang"], spec.Gameday.Targets.Keys);
        Assert.Equal(spec.RecoveryTargets with { WriteUnavailableSeconds = 4 }, spec.TargetsFor("primary-failure"));
        Assert.Equal(spec.RecoveryTargets with { WriteUnavailableSeconds = 20 }, spec.TargetsFor("primary-hang"));
        Assert.Same(spec.RecoveryTargets, spec.TargetsFor("double-fault"));
        Assert.Equal(15, spec.RecoveryTargets.WriteUnavailableSeconds);
        Assert.Equal(4, spec.ForScenario("primary-failure").RecoveryTargets.WriteUnavailableSeconds);
        Assert.Equal(5, spec.ForScenario("primary-failure").RecoveryTargets.ReaderRemovalSeconds);
    }

    [Fact]
    public void A_value_that_spans_lines_is_quoted_on_one_line()
    {
        // A plain scalar folded onto the next line by an indentation slip (found by the property test, seed 7vK8mL8p2Gy1).
        var e = Rejects("config:\n  resilience:gameday:\n    scenarios:\n      - \"primary-failure\\n- meteor\"");

        Assert.Equal("Pulumi.test.yaml: resilience:gameday.scenarios[0]: unknown scenario 'primary-failure\\n- meteor' (known: replica-hardware-failure, primary-failure, primary-hang, primary-overload, app-faults, double-fault, primary-degraded-host, table-corruption, cluster-loss)", e.Message);
    }

    [Fact]
    public void Aws_alarm_periods_follow_cloudwatch()
    {
        var e = Rejects("""
            config:
              resilience:platform: aws
              resilience:alarms: [{ name: a, metric: connections, threshold: 1, periodSeconds: 45 }]
              resilience:aws: { vpcId: vpc-1, subnetIds: [subnet-1, subnet-2], availabilityZones: [a, b] }
            """);

        Assert.Equal("resilience:alarms[0].periodSeconds", e.KeyPath);
        Assert.Contains("got 45", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_is_passed_through_opaque_and_never_shown()
    {
        var spec = Parse("""
            config:
              resilience:notifications:
                webhookUrl:
                  secure: v1:abc:def
            """);

        var webhook = spec.Notifications.WebhookUrl!;
        Assert.True(webhook.IsSecret);
        Assert.Equal("v1:abc:def", webhook.Value);
        Assert.Equal("[secret]", webhook.ToString());
        Assert.Contains("\"[secret]\"", NormalizedJson.Serialize(spec), StringComparison.Ordinal);
        Assert.DoesNotContain("v1:abc", NormalizedJson.Serialize(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line()
    {
        var e = Rejects("config:\n  resilience:platform: [local\n");

        Assert.StartsWith("Pulumi.test.yaml: not valid YAML at line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_clear_of_the_game_day_are_accepted_and_local_stacks_have_none_to_check()
    {
        var aws = Parse("config: { resilience:platform: kubernetes, resilience:database: { instanceClass: medium, maintenanceWindow: 'wed:07:00-wed:07:30' }, resilience:gameday: { schedule: '0 5 * * 3', image: 'ghcr.io/example/resilience/chaos:1.4.0' } }");
        var local = Parse("config: { resilience:database: { backupWindow: '03:00-03:30' }, resilience:gameday: { schedule: '0 3 * * *' } }");

        Assert.Equal("wed:07:00-wed:07:30", aws.Database.MaintenanceWindow);
        Assert.Equal("03:00-03:30", local.Database.BackupWindow);
    }

    [Fact]
    public void A_missing_stack_lists_the_known_ones()
    {
        var e = Assert.Throws<StackFileException>(() => StackSpecLoader.LoadStack(RepoPaths.Root, "qa"));

        Assert.StartsWith("Pulumi.qa.yaml: no such stack file in ", e.Message, StringComparison.Ordinal);
        Assert.Contains("known stacks: k8s-staging, local, prod, staging", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> InvalidFiles() => new(RepoPaths.InvalidStackFiles().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Every_invalid_test_file_is_rejected_at_its_expected_key(string fileName)
    {
        var path = Path.Combine(RepoPaths.InvalidStacks, fileName);

        var e = Assert.Throws<StackFileException>(() => StackSpecLoader.Load(path));

        Assert.Equal(RepoPaths.ExpectedKeyPath(path), e.KeyPath);
        Assert.StartsWith($"{fileName}: {e.KeyPath}: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void There_are_at_least_five_invalid_test_files()
    {
        Assert.True(RepoPaths.InvalidStackFiles().Count() >= 5);
    }
}
