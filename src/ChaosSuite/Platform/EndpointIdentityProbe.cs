using Npgsql;

namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// The fast routing read of cloud adapters: which member answers on an endpoint now, by
/// <see cref="IDatabasePlatform.ServerIdentitySql"/> over one small data source of its own.
/// </summary>
internal sealed class EndpointIdentityProbe : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly string _sql;

    /// <summary>A probe of <paramref name="endpoint"/> with <paramref name="access"/>'s credentials; a query slower than <paramref name="timeout"/> is unanswered.</summary>
    /// <param name="pooling">False to open a new connection per answer (to see a server that just died, not a pooled connection to it).</param>
    public EndpointIdentityProbe(DatabaseAccess access, DatabaseEndpoint endpoint, string identitySql, TimeSpan timeout, bool pooling = true)
    {
        ArgumentNullException.ThrowIfNull(access);
        var builder = access.ConnectionString(endpoint);
        builder.Timeout = (int)Math.Ceiling(timeout.TotalSeconds);
        builder.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        builder.ApplicationName = "chaos-routing";
        builder.Pooling = pooling;
        _source = access.CreateDataSource(builder);
        _sql = $"select ({identitySql})::text";
    }

    /// <summary>The identity of the member that answered, or null when none did (failing over, unreachable).</summary>
    public async Task<string?> AnswerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _source.CreateCommand(_sql);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
