using System.Net.Sockets;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Polly.RateLimiting;

namespace Resilience.ChaosSuite.Pipeline;

/// <summary>Which failures a retry may cure: the ones a failover, a restart or a hiccup produce.</summary>
public static class TransientDatabaseErrors
{
    /// <summary>
    /// True when another attempt may succeed where this one failed: what Npgsql itself calls transient
    /// (<see cref="NpgsqlException.IsTransient"/>: broken connections, timeouts, 08xxx, 40001/40P01, 53xxx,
    /// 57P01-57P03 as a failover shuts sessions down...), plus 25006 (read_only_sql_transaction), which Npgsql
    /// does not count: a write that reached a primary demoted under it, which the next attempt sends to the new one.
    /// Anything else from the server (a syntax error, bad credentials) is not retried.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RateLimiterRejectedException => false,
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutRejectedException or BrokenCircuitException or IsolatedCircuitException => true,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>True when the failure says something about the endpoint's health (the circuit breaker counts these).</summary>
    public static bool CountsAgainstEndpoint(Exception exception) => exception switch
    {
        RateLimiterRejectedException or BrokenCircuitException or IsolatedCircuitException => false,
        _ => IsTransient(exception),
    };
}
