using Resilience.LocalCluster.Internal.Config;

namespace Resilience.LocalCluster.Tests.Internal.Config;

public class PostBootstrapScriptTests
{
    [Fact]
    public void Creates_the_app_role_its_databases_the_probe_role_and_pg_prewarm()
    {
        var script = new PostBootstrapScript("/usr/lib/postgresql/15/bin/psql", "app", ["app", "cell-b"], new Secrets("s", "r", "app-secret", "probe-secret", "a")).Render();

        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE \"app\" LOGIN PASSWORD 'app-secret';", script, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE \"health\" LOGIN PASSWORD 'probe-secret' IN ROLE pg_monitor, pg_read_all_data;", script, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE \"cell-b\" OWNER \"app\";", script, StringComparison.Ordinal);
        Assert.Equal(2, script.Split("CREATE EXTENSION IF NOT EXISTS pg_prewarm;").Length - 1);
        Assert.Contains("-v ON_ERROR_STOP=1", script, StringComparison.Ordinal);
        // Function privileges are per database: granted after each \connect.
        Assert.Contains("\\connect \"cell-b\"\nCREATE EXTENSION IF NOT EXISTS pg_prewarm;\nGRANT EXECUTE ON FUNCTION pg_catalog.pg_stat_file(text) TO \"health\";", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifiers_are_quoted()
    {
        Assert.Equal("\"we\"\"ird\"", PostBootstrapScript.Ident("we\"ird"));
    }
}
