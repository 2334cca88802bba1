using Npgsql;

namespace Resilience.ChaosSuite.Platform;

/// <summary>A host and port clients connect to.</summary>
public sealed record DatabaseEndpoint(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c>.</summary>
    /// <exception cref="FormatException">The text is not <c>host:port</c>.</exception>
    public static DatabaseEndpoint Parse(string hostPort)
    {
        ArgumentNullException.ThrowIfNull(hostPort);
        var colon = hostPort.LastIndexOf(':');
        return colon > 0 && int.TryParse(hostPort.AsSpan(colon + 1), out var port) && port is > 0 and < 65536
            ? new DatabaseEndpoint(hostPort[..colon], port)
            : throw new FormatException($"expected host:port, got '{hostPort}'");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>How the application reaches the database: the two endpoints and its credentials.</summary>
/// <param name="Write">The write endpoint: always routes to the current primary.</param>
/// <param name="Read">The read endpoint: routes only to warm replicas.</param>
/// <param name="Database">The database the workload uses.</param>
/// <param name="Username">The application's user.</param>
/// <param name="Password">Where the application's password comes from; never printed.</param>
public sealed record DatabaseAccess(DatabaseEndpoint Write, DatabaseEndpoint Read, string Database, string Username, PasswordProvider Password)
{
    /// <summary>A connection string to <paramref name="endpoint"/> with the user and database, without the password (see <see cref="CreateDataSource"/>).</summary>
    public NpgsqlConnectionStringBuilder ConnectionString(DatabaseEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new NpgsqlConnectionStringBuilder
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            Database = Database,
            Username = Username,
        };
    }

    /// <summary>A data source for <paramref name="connection"/> (from <see cref="ConnectionString"/>, tuned by the caller) that authenticates through <see cref="Password"/>.</summary>
    public NpgsqlDataSource CreateDataSource(NpgsqlConnectionStringBuilder connection) => Password.CreateDataSource(connection);

    /// <inheritdoc />
    public override string ToString() => $"write {Write}, read {Read}, database {Database}, user {Username}";
}
