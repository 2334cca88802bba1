using System.Text.Json;
using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Failover;

/// <summary>Reads what decides a failover (Patroni's keys in etcd, each remaining member's WAL position) and assesses it.</summary>
internal sealed class FailoverObserver(ClusterEnvironment env)
{
    /// <summary>Null while a member holds the leader lock (or etcd does not answer); else why there is no primary.</summary>
    public async Task<FailoverAssessment?> AssessAsync(ClusterState state, CancellationToken ct)
    {
        var port = env.Ports.EtcdClient;
        string? leader, sync, status;
        try
        {
            leader = await EtcdClient.GetAsync(port, EtcdClient.LeaderKey(state.Scope), ct);
            sync = await EtcdClient.GetAsync(port, EtcdClient.SyncKey(state.Scope), ct);
            status = await EtcdClient.GetAsync(port, EtcdClient.StatusKey(state.Scope), ct);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }

        if (leader is not null)
        {
            return null;
        }

        var host = new MemberHost(env, state);
        var asks = state.Members
            .Where(m => !m.Lost && !m.Frozen && !m.Removing && host.Patroni(m) is not null)
            .Select(m => PositionAsync(m.Name, env.Ports.ForSlot(m.Slot).Patroni, ct));
        var candidates = (await Task.WhenAll(asks)).OfType<CandidatePosition>().ToList();
        var (syncLeader, standbys) = ParseSync(sync);
        var dcs = new DcsFailoverView(env.Spec.Database.SynchronousReplication, syncLeader, standbys, ParseOptime(status));
        return FailoverSafety.Assess(dcs, candidates, PatroniMemberConfig.MaximumLagOnFailoverBytes, AcceptCommand);
    }

    /// <summary>The command a user types to accept the loss.</summary>
    public string AcceptCommand(string member) =>
        $"./localcluster failover --to {member} --accept-data-loss{(env.Spec.StackName == "local" ? "" : $" --stack {env.Spec.StackName}")}";

    /// <summary>The <c>/sync</c> key's leader and standbys (<c>sync_standby</c> is comma-separated).</summary>
    internal static (string? Leader, IReadOnlyList<string> Standbys) ParseSync(string? json)
    {
        if (json is null || TryParse(json) is not { } root)
        {
            return (null, []);
        }

        var leader = root.TryGetProperty("leader", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        var standbys = root.TryGetProperty("sync_standby", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return (string.IsNullOrEmpty(leader) ? null : leader, standbys);
    }

    /// <summary>The <c>/status</c> key's <c>optime</c>.</summary>
    internal static long? ParseOptime(string? json) =>
        json is not null && TryParse(json) is { } root && root.TryGetProperty("optime", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt64() : null;

    /// <summary>The most WAL a replica has, from Patroni's <c>GET /patroni</c> (<c>xlog.received_location</c>, <c>replayed_location</c>, or a primary's <c>location</c>).</summary>
    internal static long? ParsePosition(string json)
    {
        if (TryParse(json) is not { } root || !root.TryGetProperty("xlog", out var xlog) || xlog.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        long? best = null;
        foreach (var field in new[] { "received_location", "replayed_location", "location" })
        {
            if (xlog.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number)
            {
                best = Math.Max(best ?? 0, v.GetInt64());
            }
        }

        return best;
    }

    private static async Task<CandidatePosition?> PositionAsync(string member, int restPort, CancellationToken ct)
    {
        var answer = await PatroniClient.GetAsync(restPort, "/patroni", LocalClusterConstants.ProbeTimeout, ct);
        return answer is null ? null : new CandidatePosition(member, ParsePosition(answer.Value.Body));
    }

    private static JsonElement? TryParse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
