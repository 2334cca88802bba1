using System.Net;
using System.Net.Sockets;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>Free loopback ports from the ranges these tests may use, never handed out twice in one run.</summary>
internal static class TestPorts
{
    /// <summary>The probes' tests: 26000-26999.</summary>
    private static readonly PortRange Probes = new(26000, 26999);

    /// <summary>The gate controller's tests (stand-ins and their PostgreSQL): 31200-31249.</summary>
    public static readonly PortRange Gate = new(31200, 31249);

    public static int Next() => Probes.Next();
}

/// <summary>A range of loopback ports handed out in turn, each only while free.</summary>
internal sealed class PortRange(int first, int last)
{
    private readonly HashSet<int> _given = [];
    private int _next = first + Random.Shared.Next(last - first);

    public int Next()
    {
        lock (_given)
        {
            for (var attempt = 0; attempt <= last - first; attempt++)
            {
                var port = _next;
                _next = _next == last ? first : _next + 1;
                if (!_given.Contains(port) && IsFree(port))
                {
                    _given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free port in {first}-{last}");
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
