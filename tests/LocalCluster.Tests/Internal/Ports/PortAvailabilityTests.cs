using System.Net;
using System.Net.Sockets;
using Resilience.LocalCluster.Internal.Ports;

namespace Resilience.LocalCluster.Tests.Internal.Ports;

public class PortAvailabilityTests
{
    [Fact]
    public void A_listening_port_is_busy_and_its_holder_is_named()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.False(PortAvailability.IsFree(port));
        Assert.Contains(port, PortAvailability.ListeningPorts());
        Assert.Contains($"pid {Environment.ProcessId}", PortAvailability.DescribeHolder(port), StringComparison.Ordinal);

        listener.Stop();
        Assert.True(PortAvailability.IsFree(port));
        Assert.Null(PortAvailability.DescribeHolder(port));
    }

    [Fact]
    public void Proc_net_tcp_listeners_are_parsed_by_state_and_hex_port()
    {
        string[] lines =
        [
            "   0: 0100007F:6338 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0",
            "   1: 0100007F:6338 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1",
            "   2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 17 1 0000000000000000 100 0 0 10 0",
        ];

        var listeners = PortAvailability.ParseListeners(lines).ToList();

        Assert.Equal([(25400, "4242"), (22, "17")], listeners);
    }
}
