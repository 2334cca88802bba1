using System.Collections.Concurrent;
using Npgsql;

namespace Resilience.HealthProbes.Internal;

/// <summary>One small connection pool per database of the member: the probe database and the warm-up's databases.</summary>
internal sealed class PgConnections : IAsyncDisposable
{
    private const int MaxPoolSize = 4;
    private readonly HealthProbesOptions _options;
    private readonly PgSecurity? _security;
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);

    public PgConnections(HealthProbesOptions options, PgSecurity? security = null)
    {
        _options = options;
        _security = security;
    }

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
        if (_security is { RequireTls: true })
        {
            // With the RDS CA bundle the server's certificate and name are verified; without it the link is still encrypted.
            builder.SslMode = _security.RootCertificate is null ? SslMode.Require : SslMode.VerifyFull;
            builder.RootCertificate = _security.RootCertificate;
        }

        var sourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        if (_security?.PasswordProvider is { } provider)
        {
            // IAM database auth tokens live 15 minutes: a fresh one every 10, used by every new physical connection.
            sourceBuilder.UsePeriodicPasswordProvider((settings, token) => provider(settings, token), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));
        }

        // Only built-in types are used; skip the type-loading round trip on each new connection.
        sourceBuilder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        return sourceBuilder.Build();
    }
}

/// <summary>How a remote member is reached: a password that changes (an IAM auth token) and TLS that verifies the server.</summary>
/// <param name="PasswordProvider">Gives the current password for a connection's host, port and user; null: the options' fixed password.</param>
/// <param name="RequireTls">Encrypt (Aurora with IAM auth requires TLS).</param>
/// <param name="RootCertificate">A CA bundle (the RDS global bundle) to verify the server against; null: encrypted, not verified.</param>
internal sealed record PgSecurity(Func<NpgsqlConnectionStringBuilder, CancellationToken, ValueTask<string>>? PasswordProvider, bool RequireTls, string? RootCertificate = null);
