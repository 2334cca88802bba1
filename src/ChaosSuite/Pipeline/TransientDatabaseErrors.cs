using System.Net.Sockets;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Resilience.ChaosSuite.Pipeline.RateLimiting;

namespace Resilience.ChaosSuite.Pipeline;

/// <summary>Which failures a retry may cure: the ones a failover, a restart or a hiccup produce.</summary>
public static class TransientDatabaseErrors
{
    /// <summary>
    /// SQLSTATE classes and codes worth retrying: connection exceptions (08), serialization failures and
    /// deadlocks (40001, 40P01), insufficient resources (53), operator intervention such as a shutdown or a
    /// server still starting (57P01-57P03), and a write that reached a demoted primary (25006).
    /// </summary>
    private static readonly string[] RetryableSqlStates = ["08", "40001", "40P01", "53", "57P01", "57P02", "57P03", "25006"];

    /// <summary>True when another attempt may succeed where this one failed.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        EndpointRateLimitedException => false,
        PostgresException pg => RetryableSqlStates.Any(s => pg.SqlState.StartsWith(s, StringComparison.Ordinal)),
        NpgsqlException => true,
        TimeoutRejectedException or BrokenCircuitException or IsolatedCircuitException => true,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>True when the failure says something about the endpoint's health (the circuit breaker counts these).</summary>
    public static bool CountsAgainstEndpoint(Exception exception) => exception switch
    {
        EndpointRateLimitedException or BrokenCircuitException or IsolatedCircuitException => false,
        _ => IsTransient(exception),
    };
}
