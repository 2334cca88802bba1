using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Resilience.Topology.Haproxy;

namespace Resilience.HealthProbes.Routing;

/// <summary>
/// Pushes a closing gate to HAProxy: the member's read server is marked down and its sessions cut the moment the
/// gate closes, before <c>/health/ready</c> answers closed, instead of at HAProxy's next check of it (up to
/// <c>inter</c> x <c>fall</c> later, while reads kept reaching a member whose gate was already closed). Opening stays
/// with HAProxy's own check of <c>/health/ready</c>, so a gate never opens behind HAProxy's back.
/// </summary>
internal sealed partial class GateRouting(HaproxyServerAddress server, TimeSpan timeout, ILogger log)
{
    private bool _failing;

    /// <summary>Takes the member out of its backend; a failure is logged (once until it works again) and left to HAProxy's check.</summary>
    public async Task GateClosedAsync(CancellationToken ct)
    {
        string? problem;
        try
        {
            var answer = await HaproxyAdminSocket.SendAsync(server.SocketPath, HaproxyAdminSocket.MarkDownCommand(server.Backend, server.Server), timeout, ct)
                .ConfigureAwait(false);
            problem = HaproxyAdminSocket.IsProblem(answer) ? answer.Trim() : null;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            problem = e is OperationCanceledException ? $"no answer within {timeout.TotalMilliseconds:0} ms" : e.Message;
        }

        if (problem is null)
        {
            _failing = false;
            LogTakenOut(log, server.Backend, server.Server);
        }
        else if (!_failing)
        {
            _failing = true;
            LogFailed(log, server.ToString(), problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gate closed: {Backend}/{Server} marked down in HAProxy, its sessions cut")]
    private static partial void LogTakenOut(ILogger logger, string backend, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gate closed, but HAProxy could not be told ({Server}): {Problem}; its next check of /health/ready takes the member out")]
    private static partial void LogFailed(ILogger logger, string server, string problem);
}
