using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Resilience.AwsStandIn;

/// <summary>
/// One stand-in endpoint (a cluster's writer endpoint, a custom endpoint): a TCP listener on a loopback
/// address that hands each new connection to the member <see cref="_backend"/> names at that moment, as
/// Aurora's DNS does. A connection with no member to go to is closed at once.
/// </summary>
public sealed class LoopbackRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<int?> _backend;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly ConcurrentDictionary<Socket, int> _backends = new();
    private readonly Task _accepting;

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/>; <paramref name="backend"/> gives the 127.0.0.1 port of the member a new connection goes to.</summary>
    public LoopbackRelay(IPAddress address, int port, Func<int?> backend)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"{address} is not a loopback address", nameof(address));
        }

        _backend = backend;
        _listener = new TcpListener(address, port);
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Closes every relayed connection to the member on <paramref name="port"/> (its machine restarts).</summary>
    public void Reset(int port)
    {
        foreach (var (socket, backend) in _backends)
        {
            if (backend == port)
            {
                socket.Close();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = RelayAsync(client);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        {
            if (_backend() is not { } port)
            {
                return;
            }

            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return; // the member is down: the client sees its connection closed, as with a rebooting instance
            }

            _backends[server] = port;
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client, server, both.Token);
            var down = PumpAsync(server, client, both.Token);
            await Task.WhenAny(up, down).ConfigureAwait(false);
            await both.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(up, down).ConfigureAwait(false);
            _backends.TryRemove(server, out _);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side closed or reset: the relay ends both.
        }
    }
}
