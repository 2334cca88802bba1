using System.Net;
using System.Net.Sockets;

namespace Resilience.ChaosSuite.Load;

/// <summary>
/// A TCP relay that makes connections to <see cref="Target"/> come from one chosen local address.
/// Npgsql (like libpq and pgbench) cannot bind a client socket to a source address, so the load
/// generator connects to this relay on 127.0.0.1 and the relay connects onwards from, say, 127.0.0.17:
/// the endpoint sees many clients, as production traffic has, instead of one address exhausting its
/// ephemeral ports and hashing to one backend.
/// </summary>
internal sealed class SourceAddressRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly object _gate = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _relayed;
    private long _refused;

    /// <summary>Creates a relay from <paramref name="source"/> to <paramref name="target"/>; <see cref="Start"/> listens.</summary>
    public SourceAddressRelay(IPAddress source, IPEndPoint target)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The address the target sees connections come from.</summary>
    public IPAddress Source { get; }

    /// <summary>Where connections go.</summary>
    public IPEndPoint Target => _target;

    /// <summary>Where clients connect (127.0.0.1 and an ephemeral port), once started.</summary>
    public IPEndPoint ListenEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections relayed so far.</summary>
    public long Relayed => Interlocked.Read(ref _relayed);

    /// <summary>Connections the target refused.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Starts listening and relaying.</summary>
    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync(_stop.Token);
    }

    /// <summary>Stops accepting and closes every relayed connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        Task[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open);
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = RelayAsync(client, stop);
            lock (_gate)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken stop)
    {
        using (client)
        using (var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                upstream.NoDelay = true;
                client.NoDelay = true;
                upstream.Bind(new IPEndPoint(Source, 0));
                await upstream.ConnectAsync(_target, stop);
                Interlocked.Increment(ref _relayed);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                Interlocked.Increment(ref _refused);
                return;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var up = PumpAsync(client, upstream, linked.Token);
            var down = PumpAsync(upstream, client, linked.Token);
            await Task.WhenAny(up, down);
            await linked.CancelAsync();
            await Task.WhenAll(up, down);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
