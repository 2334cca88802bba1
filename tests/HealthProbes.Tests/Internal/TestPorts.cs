using System.Net;
using System.Net.Sockets;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>Free loopback ports from the range these tests may use (26000-26999), never handed out twice in one run.</summary>
internal static class TestPorts
{
    private const int First = 26000;
    private const int Last = 26999;
    private static readonly HashSet<int> Given = [];
    private static int _next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt <= Last - First; attempt++)
            {
                var port = _next;
                _next = _next == Last ? First : _next + 1;
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free port in {First}-{Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
