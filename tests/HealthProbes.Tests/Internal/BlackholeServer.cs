using System.Net;
using System.Net.Sockets;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>A port that completes the TCP handshake and then never says a word: a hung database, without a database.</summary>
internal sealed class BlackholeServer : IDisposable
{
    private readonly TcpListener _listener;

    public BlackholeServer()
    {
        Port = TestPorts.Next();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        // Never accepted: the kernel queues the connections and the client waits for a reply that never comes.
        _listener.Start(backlog: 64);
    }

    public int Port { get; }

    public void Dispose() => _listener.Stop();
}
