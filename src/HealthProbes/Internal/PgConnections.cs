using System.Collections.Concurrent;
using Npgsql;

namespace Resilience.HealthProbes.Internal;

/// <summary>One small connection pool per database of the member: the probe database and the warm-up's databases.</summary>
internal sealed class PgConnections : IAsyncDisposable
{
    private const int MaxPoolSize = 4;
    private readonly HealthProbesOptions _options;
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);

    public PgConnections(HealthProbesOptions options) => _options = options;

    /// <summary>The pool of the database the probes query.</summary>
    public NpgsqlDataSource Probe => For(_options.PgDatabase);

    public NpgsqlDataSource For(string database) => _sources.GetOrAdd(database, Create);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NpgsqlDataSource Create(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = _options.PgHost,
            Port = _options.PgPort,
            Database = database,
            Username = _options.PgUser,
            Password = _options.PgPassword,
            ApplicationName = HealthProbesConstants.ApplicationName,
            MaxPoolSize = MaxPoolSize,
            // Callers bound every call with a cancellation token; these are only the backstop.
            Timeout = Math.Max(1, (int)Math.Ceiling(_options.ProbeTimeout.TotalSeconds)),
            CommandTimeout = 0,
            // A hung server never answers a cancel request: break the connection at once instead of waiting 2 s.
            CancellationTimeout = -1,
            NoResetOnClose = true,
            // Probing for Kerberos (GSS) encryption loads and initialises libgssapi synchronously on a pool thread,
            // stalling the probes for ~0.6 s on a cold start; these members use password (scram) authentication.
            GssEncryptionMode = GssEncryptionMode.Disable,
        };
        var sourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        // Only built-in types are used; skip the type-loading round trip on each new connection.
        sourceBuilder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        return sourceBuilder.Build();
    }
}
