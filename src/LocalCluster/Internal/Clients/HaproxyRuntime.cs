using System.Net.Sockets;
using Resilience.Topology.Haproxy;

namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>HAProxy's runtime API over its admin socket: server states, forcing a server down.</summary>
internal sealed class HaproxyRuntime(string socketPath)
{
    /// <summary>Runs one command line and returns its output.</summary>
    public Task<string> SendAsync(string command, CancellationToken ct) =>
        HaproxyAdminSocket.SendAsync(socketPath, command, HaproxyAdminSocket.DefaultTimeout, ct);

    /// <summary>Every server of both backends with its status, or null when HAProxy does not answer.</summary>
    public async Task<IReadOnlyList<HaproxyServerState>?> ServersAsync(CancellationToken ct)
    {
        try
        {
            return ParseStat(await SendAsync("show stat", ct));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Marks a server DOWN at once and cuts its sessions (it comes back only by passing its check): a lost member leaves now.</summary>
    public Task ForceDownAsync(string backend, string server, CancellationToken ct) =>
        TrySendAsync(HaproxyAdminSocket.MarkDownCommand(backend, server), ct);

    /// <summary>Puts a server without health checks in maintenance and cuts its sessions: nothing is routed to it until <see cref="ReadyAsync"/>.</summary>
    public Task MaintenanceAsync(string backend, string server, CancellationToken ct) =>
        TrySendAsync($"set server {backend}/{server} state maint; shutdown sessions server {backend}/{server}", ct);

    /// <summary>Takes a server without health checks out of maintenance: it is routed to at once.</summary>
    public Task ReadyAsync(string backend, string server, CancellationToken ct) =>
        TrySendAsync($"set server {backend}/{server} state ready", ct);

    /// <summary>Sends a command whose failure needs no handling: with HAProxy down nothing routes anyway, and its restart starts every server out.</summary>
    private async Task TrySendAsync(string command, CancellationToken ct)
    {
        try
        {
            await SendAsync(command, ct);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // HAProxy down: see above.
        }
    }

    /// <summary>Parses <c>show stat</c> CSV into server rows (frontend and backend summary rows are skipped).</summary>
    public static IReadOnlyList<HaproxyServerState> ParseStat(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("# ", StringComparison.Ordinal))
        {
            return [];
        }

        var header = lines[0][2..].Split(',');
        var px = Array.IndexOf(header, "pxname");
        var sv = Array.IndexOf(header, "svname");
        var status = Array.IndexOf(header, "status");
        var checkStatus = Array.IndexOf(header, "check_status");
        var sessions = Array.IndexOf(header, "scur");
        var result = new List<HaproxyServerState>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length <= Math.Max(status, Math.Max(px, sv)) || f[sv] is "FRONTEND" or "BACKEND")
            {
                continue;
            }

            _ = int.TryParse(sessions >= 0 ? f[sessions] : "0", out var scur);
            result.Add(new HaproxyServerState(f[px], f[sv], f[status], checkStatus >= 0 ? f[checkStatus] : "", scur));
        }

        return result;
    }
}

/// <summary>One HAProxy server row.</summary>
internal sealed record HaproxyServerState(string Backend, string Server, string Status, string CheckStatus, int Sessions)
{
    /// <summary>
    /// True when HAProxy routes new connections to it: UP (including UP while a check is failing), or "no check", a
    /// server without health checks that is not in maintenance (the write backend's, which the supervisor drives).
    /// </summary>
    public bool IsRouting => Status.StartsWith("UP", StringComparison.Ordinal) || Status == "no check";

    /// <summary>True when it is in maintenance (set over the runtime API, or <c>disabled</c> in the configuration).</summary>
    public bool IsInMaintenance => Status.StartsWith("MAINT", StringComparison.Ordinal);
}
