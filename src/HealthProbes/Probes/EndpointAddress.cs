using System.Net;

namespace Resilience.HealthProbes.Probes;

/// <summary>Whether two host:port pairs name the same server (loopback spellings are equal).</summary>
internal static class EndpointAddress
{
    public static bool Same(string hostA, int portA, string hostB, int portB) =>
        portA == portB && SameHost(hostA, hostB);

    private static bool SameHost(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Normalize(a) is { } x && Normalize(b) is { } y && x.Equals(y);
    }

    private static IPAddress? Normalize(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return null;
        }

        return IPAddress.IsLoopback(address) ? IPAddress.Loopback : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
