using Resilience.LocalCluster.Internal.Config;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Config;

public class PatroniMemberConfigTests
{
    private static readonly Secrets Secrets = new("su-pass", "repl-pass", "app-pass", "probe-pass", "api-pass");

    private static PatroniMemberConfig Config(bool synchronous = true) => new(
        "resilience-local",
        "readers-2",
        new MemberPorts(25413, 25414, 25415),
        25400,
        "/var/tmp/resilience/local/members/readers-2",
        "/var/tmp/resilience/local/members/readers-2/data",
        "/var/tmp/resilience/local/members/readers-2/pgpass",
        "/usr/lib/postgresql/15/bin",
        new PatroniTiming(6, 1, 2),
        synchronous,
        2,
        Secrets,
        "/var/tmp/resilience/local/bootstrap/post_bootstrap.sh",
        "/usr/bin/pgbackrest --config=/var/tmp/resilience/local/backup/pgbackrest.conf --stanza=stack --pg1-path=/var/tmp/resilience/local/members/readers-2/data archive-push %p");

    [Fact]
    public void The_first_member_of_a_restored_stack_bootstraps_from_the_repository_without_the_post_bootstrap_script()
    {
        var restore = Resilience.LocalCluster.Internal.Backup.RepositoryBootstrap.Of(
            new Resilience.LocalCluster.Internal.Backup.BackupLayout("/var/tmp/resilience/local/backup", "/var/tmp/resilience/local/restores"),
            "/var/tmp/resilience/local/members/primary-4/data");
        var yaml = (Config() with { RestoreFromBackup = restore }).Render();

        Assert.Contains("  method: pgbackrest\n  pgbackrest:\n    command: '/usr/bin/pgbackrest --config=/var/tmp/resilience/local/backup/pgbackrest.conf --stanza=stack --pg1-path=/var/tmp/resilience/local/members/primary-4/data --type=default --target-timeline=latest restore'\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    no_params: true\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      restore_command: '/usr/bin/pgbackrest --config=/var/tmp/resilience/local/backup/pgbackrest.conf --stanza=stack --pg1-path=/var/tmp/resilience/local/members/primary-4/data archive-get %f \"%p\"'\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  post_bootstrap: '/bin/true'\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("initdb", yaml, StringComparison.Ordinal);
        Assert.Contains("  initdb:\n", Config().Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_from_the_repository_restores_the_newest_backup_as_a_standby_and_falls_back_to_pg_basebackup()
    {
        var layout = new Resilience.LocalCluster.Internal.Backup.BackupLayout("/var/tmp/resilience/local/backup", "/var/tmp/resilience/local/restores");
        var replica = Resilience.LocalCluster.Internal.Backup.RepositoryReplica.Of(layout, "/var/tmp/resilience/local/members/readers-2/data");
        var yaml = (Config() with { ReplicaFromRepository = replica }).Render();

        Assert.Contains("  create_replica_methods:\n    - pgbackrest\n    - basebackup\n  pgbackrest:\n    command: '/usr/bin/pgbackrest --config=/var/tmp/resilience/local/backup/pgbackrest.conf --stanza=stack --pg1-path=/var/tmp/resilience/local/members/readers-2/data --type=standby --target-timeline=latest restore'\n    keep_data: false\n    no_params: true\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  recovery_conf:\n    restore_command: '/usr/bin/pgbackrest --config=/var/tmp/resilience/local/backup/pgbackrest.conf --stanza=stack --pg1-path=/var/tmp/resilience/local/members/readers-2/data archive-get %f \"%p\"'\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  basebackup:\n    - checkpoint: fast\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("create_replica_methods", Config().Render(), StringComparison.Ordinal);
        Assert.DoesNotContain("recovery_conf", Config().Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Timing_comes_from_the_spec()
    {
        var yaml = Config().Render();

        Assert.Contains("    ttl: 6\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    loop_wait: 1\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    retry_timeout: 2\n", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "    synchronous_mode: true\n")]
    [InlineData(false, "    synchronous_mode: false\n")]
    public void Synchronous_mode_follows_the_spec(bool synchronous, string expected)
    {
        Assert.Contains(expected, Config(synchronous).Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Synchronous_node_count_is_written_to_the_bootstrap_dcs()
    {
        Assert.Contains("    synchronous_mode_strict: false\n    synchronous_node_count: 2\n", Config().Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_listens_on_loopback_only()
    {
        var yaml = Config().Render();

        Assert.Contains("  listen: '127.0.0.1:25414'", yaml, StringComparison.Ordinal);
        Assert.Contains("  listen: '127.0.0.1:25413'", yaml, StringComparison.Ordinal);
        Assert.Contains("etcd:\n  host: '127.0.0.1:25400'", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0.0.0", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_hba_line_uses_scram_and_no_line_trusts()
    {
        var hba = Config().Render().Split('\n').SkipWhile(l => l != "  pg_hba:").Skip(1).TakeWhile(l => l.StartsWith("    - ", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, hba.Count);
        Assert.All(hba, l => Assert.EndsWith(" scram-sha-256", l, StringComparison.Ordinal));
        Assert.Contains("    - auth-host: scram-sha-256", Config().Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_demoted_primary_rejoins_by_rewinding()
    {
        var yaml = Config().Render();

        Assert.Contains("      use_pg_rewind: true", yaml, StringComparison.Ordinal);
        Assert.Contains("        wal_log_hints: 'on'", yaml, StringComparison.Ordinal);
        Assert.Contains("  remove_data_directory_on_diverged_timelines: true", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Passwords_and_per_member_paths_are_in_the_file()
    {
        var yaml = Config().Render();

        Assert.Contains("      password: 'su-pass'", yaml, StringComparison.Ordinal);
        Assert.Contains("      password: 'repl-pass'", yaml, StringComparison.Ordinal);
        Assert.Contains("    password: 'api-pass'", yaml, StringComparison.Ordinal);
        // A shared default pgpass (/tmp/pgpass0) would be rewritten by every member.
        Assert.Contains("  pgpass: '/var/tmp/resilience/local/members/readers-2/pgpass'", yaml, StringComparison.Ordinal);
        Assert.Contains("    unix_socket_directories: '/var/tmp/resilience/local/members/readers-2'", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_quotes_are_doubled_in_yaml_scalars()
    {
        Assert.Equal("'it''s'", YamlText.Q("it's"));
    }
}
