using Resilience.Topology.Files;
using Resilience.Topology.Patroni;

namespace Resilience.Topology.Tests.Shared;

/// <summary>The rules every program shares (one home each): byte format, Patroni's leader rule, write-then-rename, the repository locator.</summary>
public sealed class SharedRulesTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1_000, "1.0 kB")]
    [InlineData(1_048_576, "1.0 MB")]
    [InlineData(2_147_483_648, "2.1 GB")]
    public void Bytes_are_si_units(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));

    [Theory]
    [InlineData("leader", true)]
    [InlineData("master", true)]
    [InlineData("primary", true)]
    [InlineData("standby_leader", true)]
    [InlineData("replica", false)]
    [InlineData("sync_standby", false)]
    public void One_leader_rule(string role, bool leads) =>
        Assert.Equal(leads, PatroniCluster.Parse($$"""{"members":[{"name":"m","role":"{{role}}","state":"running"}]}""").Members[0].IsLeader);

    [Fact]
    public void Cluster_fields_of_the_wrong_type_are_unknown_not_errors()
    {
        var cluster = PatroniCluster.Parse("""{"members":[{"name":"r","role":"replica","port":"x","timeline":"?","lag":"unknown"}, 7]}""");
        var member = Assert.Single(cluster.Members);
        Assert.Null(member.Port);
        Assert.Null(member.Timeline);
        Assert.Null(member.LagBytes);
        Assert.Empty(PatroniCluster.Parse("[]").Members);
    }

    [Fact]
    public void Atomic_write_replaces_the_file_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("atomic-file-").FullName;
        try
        {
            var path = Path.Combine(dir, "state.json");
            AtomicFile.WriteAllText(path, "old");
            AtomicFile.WriteAllText(path, "new", ownerOnly: true);

            Assert.Equal("new", File.ReadAllText(path));
            Assert.Equal(["state.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("disk full")));
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_locator_finds_the_nearest_folder_holding_the_marker()
    {
        var root = Directory.CreateTempSubdirectory("locator-").FullName;
        try
        {
            var deep = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
            File.WriteAllText(Path.Combine(root, RepositoryLocator.ProjectFile), "");
            Assert.Equal(root, RepositoryLocator.FindAbove(deep, RepositoryLocator.ProjectFile));
            Assert.Null(RepositoryLocator.FindAbove(deep, "no-such-marker-" + Guid.NewGuid().ToString("N")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
