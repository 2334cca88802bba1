using System.Net.Sockets;
using System.Text;

namespace Resilience.Topology.Haproxy;

/// <summary>
/// HAProxy's runtime API over its admin socket (a Unix socket, one command line per connection): the one client
/// of it, shared by LocalCluster's supervisor (server states, routing) and HealthProbes (a closing gate).
/// </summary>
public static class HaproxyAdminSocket
{
    /// <summary>The longest one command may take: HAProxy answers its socket from its event loop within milliseconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Sends one command line (several commands may be joined with <c>;</c>) and returns HAProxy's whole answer.</summary>
    /// <param name="socketPath">The admin socket (<c>stats socket … level admin</c>).</param>
    /// <param name="command">The command line, without its newline.</param>
    /// <param name="timeout">How long connecting, sending and reading may take together.</param>
    /// <param name="ct">Cancels the exchange.</param>
    /// <returns>The answer (empty for commands that succeed silently).</returns>
    /// <exception cref="SocketException">HAProxy does not listen on the socket.</exception>
    /// <exception cref="OperationCanceledException">The timeout passed or <paramref name="ct"/> was cancelled.</exception>
    public static async Task<string> SendAsync(string socketPath, string command, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentException.ThrowIfNullOrEmpty(command);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token).ConfigureAwait(false);
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), SocketFlags.None, deadline.Token).ConfigureAwait(false);
        var output = new StringBuilder();
        var buffer = new byte[16384];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false)) > 0)
        {
            output.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return output.ToString();
    }

    /// <summary>
    /// The command that takes server <paramref name="server"/> of <paramref name="backend"/> out at once, the way a failed
    /// health check does (its own checks bring it back when they pass), and cuts its open sessions, so no request already
    /// on a pooled connection reaches it either.
    /// </summary>
    /// <param name="backend">The backend's name.</param>
    /// <param name="server">The server's name in it.</param>
    /// <returns>One command line.</returns>
    public static string MarkDownCommand(string backend, string server) =>
        $"set server {backend}/{server} health down; shutdown sessions server {backend}/{server}";

    /// <summary>
    /// True when HAProxy's answer to a command reports a problem: the runtime API answers nothing to a command that
    /// worked and a line of text (e.g. <c>No such server.</c>) to one that did not.
    /// </summary>
    /// <param name="answer">What <see cref="SendAsync"/> returned.</param>
    /// <returns>Whether the answer holds a problem.</returns>
    public static bool IsProblem(string answer) => !string.IsNullOrWhiteSpace(answer);
}
