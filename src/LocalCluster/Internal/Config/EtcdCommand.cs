using System.Globalization;

namespace Resilience.LocalCluster.Internal.Config;

/// <summary>The command line of the stack's one-member etcd, loopback only.</summary>
internal static class EtcdCommand
{
    /// <summary>Arguments for <c>etcd</c>.</summary>
    public static IReadOnlyList<string> Arguments(string dataDir, int clientPort, int peerPort)
    {
        var client = string.Create(CultureInfo.InvariantCulture, $"http://{LocalClusterConstants.Host}:{clientPort}");
        var peer = string.Create(CultureInfo.InvariantCulture, $"http://{LocalClusterConstants.Host}:{peerPort}");
        return
        [
            "--name", "etcd0",
            "--data-dir", dataDir,
            "--listen-client-urls", client,
            "--advertise-client-urls", client,
            "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer,
            "--initial-cluster", $"etcd0={peer}",
            "--initial-cluster-state", "new",
            "--initial-cluster-token", "resilience-local",
            "--enable-v2=true", // Patroni uses the v2 API: see PatroniMemberConfig
            "--heartbeat-interval", "100",
            "--election-timeout", "1000",
            "--auto-compaction-mode", "periodic",
            "--auto-compaction-retention", "1h",
            "--logger", "zap",
            "--log-outputs", "stderr",
        ];
    }
}
