using Npgsql;

namespace Resilience.HealthProbes.Internal;

/// <summary>Exceptions as the one line an operator reads in a probe body or a log.</summary>
internal static class Errors
{
    public static string OneLine(Exception e)
    {
        var message = e switch
        {
            PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
            NpgsqlException { InnerException: { } inner } when inner is not TimeoutException => $"{e.Message} ({inner.Message})",
            _ => e.Message,
        };
        return message.ReplaceLineEndings(" ").Trim();
    }
}
