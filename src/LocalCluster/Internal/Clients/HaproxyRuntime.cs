using System.Net.Sockets;
using System.Text;

namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>HAProxy's runtime API over its admin socket: server states, forcing a server down.</summary>
internal sealed class HaproxyRuntime(string socketPath)
{
    /// <summary>Runs one command and returns its output.</summary>
    public async Task<string> SendAsync(string command, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), SocketFlags.None, timeout.Token);
        var output = new StringBuilder();
        var buffer = new byte[16384];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            output.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return output.ToString();
    }

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

    /// <summary>Marks a server DOWN at once (it comes back only by passing its check): a lost member leaves now.</summary>
    public async Task ForceDownAsync(string backend, string server, CancellationToken ct)
    {
        try
        {
            await SendAsync($"set server {backend}/{server} health down", ct);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // HAProxy down: nothing routes anyway; its restart starts every server DOWN.
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
    /// <summary>True when HAProxy routes new connections to it (UP, including UP while a check is failing).</summary>
    public bool IsRouting => Status.StartsWith("UP", StringComparison.Ordinal);
}
