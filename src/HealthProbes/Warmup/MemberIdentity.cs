using Npgsql;
using Resilience.HealthProbes.Internal;

namespace Resilience.HealthProbes.Warmup;

/// <summary>Which data directory the member runs on: a new member (or a re-created one) has another identity and starts cold.</summary>
/// <remarks>
/// Replicas copied with pg_basebackup share the primary's system identifier, so the data directory's path and the
/// time its <c>PG_VERSION</c> file was created (its ctime) tell copies apart. Parts the role may not read are "?";
/// the state directory is the member's own, so a new member starts cold even then.
/// </remarks>
internal sealed record MemberIdentity(string SystemIdentifier, string? DataDirectory, string? Created)
{
    public string Key => $"system {SystemIdentifier}, data directory {DataDirectory ?? "?"}, created {Created ?? "?"}";

    public static async Task<MemberIdentity> ReadAsync(NpgsqlDataSource source, CancellationToken token)
    {
        await using var connection = await source.OpenConnectionAsync(token).ConfigureAwait(false);
        var system = await OptionalAsync(connection, "SELECT system_identifier::text FROM pg_control_system()", token).ConfigureAwait(false) ?? "?";
        var directory = await OptionalAsync(connection, "SELECT current_setting('data_directory')", token).ConfigureAwait(false);
        var created = await OptionalAsync(connection, "SELECT (pg_stat_file('PG_VERSION')).change::text", token).ConfigureAwait(false);
        return new MemberIdentity(system, directory, created);
    }

    /// <summary>A value the role may lack the privilege to read: null then, rather than failing the warm-up.</summary>
    private static async Task<string?> OptionalAsync(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        try
        {
            return await ScalarAsync(connection, sql, token).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return null;
        }
    }

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(token).ConfigureAwait(false) as string;
    }
}
