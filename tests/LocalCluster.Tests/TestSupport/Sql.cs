using Npgsql;

namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>One statement on a fresh, unpooled connection (a test's checks must not ride on a connection to a lost server).</summary>
internal static class Sql
{
    /// <summary>A connection string for the app login on <paramref name="endpoint"/> of <paramref name="controller"/>'s stack.</summary>
    public static string App(LocalClusterController controller, EndpointAddress endpoint) =>
        new NpgsqlConnectionStringBuilder(controller.GetCredentials().ConnectionString(endpoint)) { Pooling = false, Timeout = 5 }.ConnectionString;

    /// <summary>Runs <paramref name="sql"/>; true (for <see cref="Poll"/>).</summary>
    public static async Task<bool> ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
        return true;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
