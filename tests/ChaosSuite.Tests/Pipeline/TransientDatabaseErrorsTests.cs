using System.Net.Sockets;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Resilience.ChaosSuite.Pipeline;
using Polly.RateLimiting;

namespace Resilience.ChaosSuite.Tests.Pipeline;

public class TransientDatabaseErrorsTests
{
    public static TheoryData<Exception, bool, bool> Cases() => new()
    {
        { new NpgsqlException("broken", new IOException()), true, true },
        { new PostgresException("x", "ERROR", "ERROR", "57P01"), true, true },
        { new PostgresException("x", "ERROR", "ERROR", "25006"), true, true },
        { new PostgresException("x", "ERROR", "ERROR", "40001"), true, true },
        { new PostgresException("x", "FATAL", "FATAL", "53300"), true, true },
        { new PostgresException("x", "ERROR", "ERROR", "08006"), true, true },
        { new PostgresException("x", "ERROR", "ERROR", "42601"), false, false },
        { new PostgresException("x", "FATAL", "FATAL", "28P01"), false, false },
        { new TimeoutRejectedException(), true, true },
        { new BrokenCircuitException(), true, false },
        { new SocketException(), true, true },
        { new RateLimiterRejectedException(), false, false },
        { new NpgsqlException("a protocol error, not a broken connection"), false, false },
        { new PostgresException("x", "FATAL", "FATAL", "57P02"), true, true },
        { new PostgresException("x", "ERROR", "ERROR", "40P01"), true, true },
        { new PostgresException("x", "ERROR", "ERROR", "23505"), false, false },
        { new InvalidOperationException(), false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_what_a_retry_may_cure(Exception error, bool transient, bool countsAgainstEndpoint)
    {
        Assert.Equal(transient, TransientDatabaseErrors.IsTransient(error));
        Assert.Equal(countsAgainstEndpoint, TransientDatabaseErrors.CountsAgainstEndpoint(error));
    }
}
