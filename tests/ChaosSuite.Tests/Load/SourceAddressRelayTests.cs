using System.Net;
using System.Net.Sockets;
using Resilience.ChaosSuite.Load;

namespace Resilience.ChaosSuite.Tests.Load;

public class SourceAddressRelayTests
{
    [Fact]
    public async Task The_target_sees_the_chosen_loopback_source_address_and_bytes_pass_both_ways()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var source = IPAddress.Parse("127.0.0.17");
        await using var relay = new SourceAddressRelay(source, (IPEndPoint)target.LocalEndpoint);
        relay.Start();

        using var client = new TcpClient();
        await client.ConnectAsync(relay.ListenEndpoint);
        using var accepted = await target.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var seen = (IPEndPoint)accepted.Client.RemoteEndPoint!;

        var stream = client.GetStream();
        await stream.WriteAsync("ping"u8.ToArray());
        var buffer = new byte[4];
        await accepted.GetStream().ReadExactlyAsync(buffer);
        await accepted.GetStream().WriteAsync("pong"u8.ToArray());
        var reply = new byte[4];
        await stream.ReadExactlyAsync(reply);

        Assert.Equal(source, seen.Address);
        Assert.Equal("ping"u8.ToArray(), buffer);
        Assert.Equal("pong"u8.ToArray(), reply);
        Assert.Equal(1, relay.Relayed);
    }

    [Fact]
    public async Task A_refused_target_closes_the_client_and_is_counted()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closed = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();
        await using var relay = new SourceAddressRelay(IPAddress.Parse("127.0.0.18"), closed);
        relay.Start();

        using var client = new TcpClient();
        await client.ConnectAsync(relay.ListenEndpoint);
        var read = await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, read);
        Assert.Equal(1, relay.Refused);
    }
}
