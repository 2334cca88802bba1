using System.Net;
using System.Net.Sockets;

namespace Resilience.AwsControlPlane.Tests;

/// <summary>Loopback ports for these tests, from the range 30000-30099 given to them (30100-30199: the chaos suite's AWS tests).</summary>
internal static class TestPorts
{
    private const int First = 30000;
    private const int Last = 30099;
    private static int s_next = First - 1;

    /// <summary>The next port of the range that is free now.</summary>
    public static int Next()
    {
        for (var tries = 0; tries <= Last - First; tries++)
        {
            var port = First + ((Interlocked.Increment(ref s_next) - First) % (Last - First + 1));
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use by another run: try the next one.
            }
        }

        throw new InvalidOperationException($"no free port in {First}-{Last}");
    }
}
