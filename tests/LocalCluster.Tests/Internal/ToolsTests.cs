using Resilience.LocalCluster.Internal;
using Resilience.LocalCluster.Internal.Posix;

namespace Resilience.LocalCluster.Tests.Internal;

public class ToolsTests
{
    [Fact]
    public void The_installed_tools_are_found()
    {
        var tools = Tools.Locate("15");

        Assert.EndsWith("/patroni", tools.Patroni, StringComparison.Ordinal);
        Assert.EndsWith("/haproxy", tools.Haproxy, StringComparison.Ordinal);
        Assert.Equal("/usr/lib/postgresql/15/bin", tools.PgBinDir);
    }

    [Fact]
    public void A_missing_tool_is_one_line_naming_it_and_the_package()
    {
        var empty = Directory.CreateTempSubdirectory("lc-path-").FullName;
        try
        {
            var e = Assert.Throws<LocalClusterException>(() => Tools.Locate("15", searchPath: empty));

            Assert.StartsWith("patroni is not installed", e.Message, StringComparison.Ordinal);
            Assert.Contains("./scripts/setup", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Equal(LocalClusterException.Environment, e.ExitCode);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_missing_postgres_version_is_named()
    {
        var e = Assert.Throws<LocalClusterException>(() => Tools.Locate("99"));

        Assert.StartsWith("PostgreSQL 99 is not installed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_are_read_from_passwd_lines()
    {
        var account = UnixAccount.Parse(["root:x:0:0:root:/root:/bin/bash", "postgres:x:101:104:PostgreSQL:/var/lib/postgresql:/bin/bash"], "postgres");

        Assert.Equal(new UnixAccount("postgres", 101, 104, "/var/lib/postgresql"), account);
        Assert.Null(UnixAccount.Parse(["root:x:0:0:root:/root:/bin/bash"], "postgres"));
    }
}
