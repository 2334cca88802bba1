namespace Resilience.Topology.Tests;

/// <summary>The <c>resilience:backup</c> section and when its schedule is next due.</summary>
public class BackupSpecTests
{
    private static StackSpec Parse(string yaml) => StackSpecLoader.Parse(yaml, "Pulumi.test.yaml", "test");

    [Fact]
    public void Defaults_are_daily_at_two_keeping_two_full_backups()
    {
        var backup = Parse("config: {}").Backup;

        Assert.Equal("0 2 * * *", backup.Schedule);
        Assert.Equal(2, backup.RetentionFullBackups);
        Assert.Equal(new BackupTargets(300, 60), backup.Targets);
        Assert.False(backup.Declared);
    }

    [Fact]
    public void The_local_stack_sets_tighter_targets()
    {
        var backup = StackSpecLoader.LoadStack(RepoPaths.Root, "local").Backup;

        Assert.Equal(new BackupTargets(40, 15), backup.Targets);
    }

    [Fact]
    public void A_partial_section_keeps_the_other_defaults()
    {
        var backup = Parse("""
            config:
              resilience:backup:
                retentionFullBackups: 5
                targets: { recoveryPointSeconds: 0 }
            """).Backup;

        Assert.Equal(new BackupSpec("0 2 * * *", 5, new BackupTargets(300, 0)) { Declared = true }, backup);
    }

    [Theory]
    [InlineData("0 2 * * *", "2026-11-30T21:13:00Z", "2026-12-01T02:00:00Z")]
    [InlineData("0 2 * * *", "2026-12-01T01:59:59Z", "2026-12-01T02:00:00Z")]
    [InlineData("0 2 * * *", "2026-12-01T02:00:00Z", "2026-12-02T02:00:00Z")]
    [InlineData("*/15 * * * *", "2026-11-30T21:13:20Z", "2026-11-30T21:15:00Z")]
    [InlineData("0 3 * * 1", "2026-11-30T21:00:00Z", "2026-12-07T03:00:00Z")]
    [InlineData("0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("30 4 1 * 0", "2026-11-30T21:00:00Z", "2026-12-01T04:30:00Z")]
    [InlineData("0 6-8/2 * * *", "2026-11-30T06:00:00Z", "2026-11-30T08:00:00Z")]
    public void Next_run_is_the_first_named_minute_after(string schedule, string after, string expected)
    {
        var spec = new BackupSpec(schedule, 2, new BackupTargets(300, 60));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), spec.NextRun(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
