using Npgsql;

namespace Resilience.LocalCluster;

/// <summary>The application login that clients use through the endpoints (generated at <c>up</c>, stored 0600).</summary>
/// <param name="User">Role name (the spec's <c>database.masterUsername</c>).</param>
/// <param name="Password">Its generated password.</param>
/// <param name="Database">The spec's <c>database.databaseName</c>.</param>
public sealed record ClusterCredentials(string User, string Password, string Database)
{
    /// <summary>A connection string to <paramref name="endpoint"/> with these credentials.</summary>
    public string ConnectionString(EndpointAddress endpoint, string? database = null) => new NpgsqlConnectionStringBuilder
    {
        Host = endpoint.Host,
        Port = endpoint.Port,
        Username = User,
        Password = Password,
        Database = database ?? Database,
    }.ConnectionString;

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{User}@{Database} (password hidden)";
}
