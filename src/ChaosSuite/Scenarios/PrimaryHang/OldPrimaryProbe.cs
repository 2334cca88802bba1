using Npgsql;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Scenarios.PrimaryHang;

/// <summary>Tries a write directly on the resumed old primary, bypassing the endpoints: it must be refused.</summary>
internal static class OldPrimaryProbe
{
    /// <summary>True when the write was accepted (a second writable primary), false when refused, null when the member could not be reached.</summary>
    public static async Task<(bool? Accepted, string Detail)> TryWriteAsync(DatabaseAccess access, DatabaseEndpoint member, CancellationToken cancellationToken)
    {
        var builder = access.ConnectionString(member);
        builder.Pooling = false;
        builder.Timeout = 3;
        builder.CommandTimeout = 5;
        try
        {
            await using var source = access.CreateDataSource(builder);
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("CREATE TABLE chaos_split_brain_probe (id int)", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return (true, "the old primary accepted a write (rolled back): it is a second writable primary");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction)
        {
            return (false, "the old primary refused a write: it is read-only");
        }
        catch (PostgresException e)
        {
            return (false, $"the old primary refused a write ({e.SqlState}: {e.MessageText})");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            return (null, $"the old primary could not be reached directly: {e.Message}");
        }
    }
}
