using Npgsql;

namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// Where the application's password comes from: a fixed secret (local scram passwords) or a source that is
/// asked again on a period (IAM database auth tokens expire after 15 minutes). Connections get it through
/// Npgsql's periodic password provider, so a token is refreshed without reopening data sources.
/// Never printed.
/// </summary>
public sealed class PasswordProvider
{
    private readonly Func<CancellationToken, ValueTask<string>> _fetch;
    private readonly string? _fixed;

    private PasswordProvider(Func<CancellationToken, ValueTask<string>> fetch, string? fixedPassword, TimeSpan? refreshInterval, TimeSpan retryInterval)
    {
        _fetch = fetch;
        _fixed = fixedPassword;
        RefreshInterval = refreshInterval;
        RetryInterval = retryInterval;
    }

    /// <summary>How often the password is fetched again; null for a fixed password.</summary>
    public TimeSpan? RefreshInterval { get; }

    /// <summary>How soon a failed fetch is retried.</summary>
    public TimeSpan RetryInterval { get; }

    /// <summary>A password that never changes.</summary>
    public static PasswordProvider Fixed(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new PasswordProvider(_ => ValueTask.FromResult(password), password, null, TimeSpan.Zero);
    }

    /// <summary>A password fetched by <paramref name="fetch"/> now and every <paramref name="refreshInterval"/> (an IAM token: 10 minutes for a 15-minute token).</summary>
    public static PasswordProvider Refreshing(Func<CancellationToken, ValueTask<string>> fetch, TimeSpan refreshInterval, TimeSpan retryInterval)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refreshInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retryInterval, TimeSpan.Zero);
        return new PasswordProvider(fetch, null, refreshInterval, retryInterval);
    }

    /// <summary>The current password (for tools that need it once, e.g. a probe connection).</summary>
    public ValueTask<string> GetAsync(CancellationToken cancellationToken) => _fetch(cancellationToken);

    /// <summary>A data source for <paramref name="connection"/> (which must carry no password) that authenticates with this provider.</summary>
    public NpgsqlDataSource CreateDataSource(NpgsqlConnectionStringBuilder connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var builder = new NpgsqlDataSourceBuilder(connection.ConnectionString);
        if (RefreshInterval is { } refresh)
        {
            builder.UsePeriodicPasswordProvider((_, token) => _fetch(token), refresh, RetryInterval);
        }
        else
        {
            builder.ConnectionStringBuilder.Password = _fixed;
        }

        return builder.Build();
    }

    /// <inheritdoc />
    public override string ToString() => RefreshInterval is null ? "[fixed password]" : $"[password refreshed every {RefreshInterval.Value.TotalMinutes:0} min]";
}
