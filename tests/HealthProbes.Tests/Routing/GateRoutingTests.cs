using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Routing;
using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.Routing;

/// <summary>
/// What a closing gate tells HAProxy, over a Unix socket that answers as HAProxy's runtime API does (nothing for a
/// command that worked, one line for one that did not). The real HAProxy is driven by LocalCluster's routing
/// integration test, which also holds the order: marked down before <c>/health/ready</c> answers closed.
/// </summary>
public sealed class GateRoutingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gate-routing-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_closing_gate_marks_its_server_down_and_cuts_its_sessions()
    {
        var socketPath = Path.Combine(_directory, "admin.sock");
        using var listener = Listen(socketPath);
        var received = AnswerOnceAsync(listener, "");
        var log = new ListLogger();

        await new GateRouting(new HaproxyServerAddress(socketPath, "be_read", "s3"), TimeSpan.FromSeconds(5), log).GateClosedAsync(CancellationToken.None);

        Assert.Equal("set server be_read/s3 health down; shutdown sessions server be_read/s3\n", await received);
        Assert.Single(log.Matching("be_read/s3 marked down in HAProxy, its sessions cut"));
    }

    [Fact]
    public async Task HAProxy_not_answering_is_logged_once_until_it_answers_again()
    {
        var socketPath = Path.Combine(_directory, "admin.sock");
        var log = new ListLogger();
        var routing = new GateRouting(new HaproxyServerAddress(socketPath, "be_read", "s1"), TimeSpan.FromSeconds(5), log);

        await routing.GateClosedAsync(CancellationToken.None);
        await routing.GateClosedAsync(CancellationToken.None);

        var warning = Assert.Single(log.Lines, l => l.Level == LogLevel.Warning);
        Assert.StartsWith($"gate closed, but HAProxy could not be told (be_read/s1 via {socketPath}): ", warning.Line, StringComparison.Ordinal);

        using var listener = Listen(socketPath);
        var worked = AnswerOnceAsync(listener, "");
        await routing.GateClosedAsync(CancellationToken.None);
        await worked;
        Assert.Single(log.Matching("be_read/s1 marked down in HAProxy"));

        // A refusal is a problem too, logged again since the previous call worked.
        var refused = AnswerOnceAsync(listener, "No such server.\n");
        await routing.GateClosedAsync(CancellationToken.None);
        await refused;
        Assert.Equal(2, log.Lines.Count(l => l.Level == LogLevel.Warning));
        Assert.EndsWith(": No such server.; its next check of /health/ready takes the member out", log.Lines[^1].Line, StringComparison.Ordinal);
    }

    private static Socket Listen(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        return listener;
    }

    /// <summary>Accepts one connection, reads its command line, answers <paramref name="answer"/> and closes, as HAProxy does.</summary>
    private static async Task<string> AnswerOnceAsync(Socket listener, string answer)
    {
        using var connection = await listener.AcceptAsync();
        var buffer = new byte[1024];
        var line = new StringBuilder();
        while (!line.ToString().EndsWith('\n'))
        {
            var read = await connection.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                break;
            }

            line.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await connection.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None);
        connection.Shutdown(SocketShutdown.Both);
        return line.ToString();
    }
}
