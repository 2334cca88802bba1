using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Resilience.LocalCluster.Internal.Ports;

/// <summary>Whether a loopback port can be bound, and who holds it when not.</summary>
internal static class PortAvailability
{
    /// <summary>True when 127.0.0.1:<paramref name="port"/> can be listened on now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // Like PostgreSQL and HAProxy: connections in TIME_WAIT do not block a new listener.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Every port something listens on (any address), from one read of <c>/proc/net/tcp*</c>.</summary>
    public static HashSet<int> ListeningPorts()
    {
        var result = new HashSet<int>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (File.Exists(file))
            {
                result.UnionWith(ParseListeners(File.ReadLines(file).Skip(1)).Select(l => l.Port));
            }
        }

        return result;
    }

    /// <summary>"pid 123 (haproxy)" for the process listening on <paramref name="port"/>, or null when unknown.</summary>
    public static string? DescribeHolder(int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var procDir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(procDir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(procDir, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && inodes.Contains(target[8..^1]))
                    {
                        var comm = File.ReadAllText(Path.Combine(procDir, "comm")).Trim();
                        return $"pid {pid} ({comm})";
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited or is not ours to inspect.
            }
        }

        return null;
    }

    /// <summary>Socket inodes listening on <paramref name="port"/>, parsed from <c>/proc/net/tcp</c> and <c>tcp6</c>.</summary>
    internal static HashSet<string> ListeningInodes(int port)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            result.UnionWith(ParseListeners(File.ReadLines(file).Skip(1)).Where(l => l.Port == port).Select(l => l.Inode));
        }

        return result;
    }

    /// <summary>The LISTEN entries (port and socket inode) among <c>/proc/net/tcp</c> lines.</summary>
    internal static IEnumerable<(int Port, string Inode)> ParseListeners(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if (f.Length < 10 || f[3] != "0A")
            {
                continue;
            }

            var colon = f[1].LastIndexOf(':');
            if (colon > 0 && int.TryParse(f[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p))
            {
                yield return (p, f[9]);
            }
        }
    }
}
