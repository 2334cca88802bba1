using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Routing;

/// <summary>
/// Drives the write endpoint from Patroni's leader lock (<see cref="WriteRouting"/>), beside the supervisor's tick
/// loop rather than in it, so a slow job never delays it. It watches the lock in etcd (etcd answers the watch the
/// moment the lock is taken, released or expires, and at least on every refresh by Patroni's loop) and applies the
/// rule over HAProxy's runtime API; every pass also repairs drift (a restarted HAProxy starts every write server in
/// maintenance). Nothing here asks Patroni's REST API, which stalls when the primary's host is overloaded.
/// </summary>
internal sealed partial class WriteEndpointRouter(ClusterEnvironment env, InfraHost infra, EventLog events, ILogger<WriteEndpointRouter> log)
    : BackgroundService
{
    /// <summary>The longest wait for the lock to change before the backend is checked again anyway.</summary>
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a new lock holder is asked whether its promotion finished.</summary>
    private static readonly TimeSpan PromotionPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>The wait after a failed pass (etcd or HAProxy not answering).</summary>
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>The member (name and creation) last seen out of recovery while holding the lock: not asked again in its term.</summary>
    private (string Name, DateTimeOffset CreatedAt)? _writable;

    private string? _routedTo;
    private string? _lastError;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
                _lastError = null;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (e.Message != _lastError)
                {
                    _lastError = e.Message;
                    PassFailed(log, e.Message);
                }

                try
                {
                    await Task.Delay(FailureBackoff, env.Time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>One pass: read the lock, apply the rule, then wait for the lock to change (or for a promotion to finish).</summary>
    private async Task PassAsync(CancellationToken ct)
    {
        var state = env.Store.TryLoad();
        if (state is null || state.Stopped || !state.WriteFromLeaderKey || infra.Etcd is null || infra.Haproxy is null)
        {
            await Task.Delay(LocalClusterConstants.SupervisorTick, env.Time, ct);
            return;
        }

        var key = EtcdClient.LeaderKey(state.Scope);
        var (leader, index) = await EtcdClient.GetWithIndexAsync(env.Ports.EtcdClient, key, ct);
        // A holder whose machine is lost (killed, or its processes gone) is never put in: its lock is being released.
        var holder = leader is null ? null : state.Find(leader);
        if (holder is { Lost: true } or { Removing: true } || (holder is not null && new MemberHost(env, state).Patroni(holder) is null))
        {
            holder = null;
        }

        if (holder is null)
        {
            _writable = null;
        }

        var writable = holder is not null && await IsWritableAsync(holder, ct);
        await ApplyAsync(holder, writable, ct);

        if (holder is not null && !writable)
        {
            await Task.Delay(PromotionPoll, env.Time, ct);
        }
        else
        {
            await EtcdClient.WaitForChangeAsync(env.Ports.EtcdClient, key, index, WatchTimeout, ct);
        }
    }

    private async Task<bool> IsWritableAsync(MemberRecord holder, CancellationToken ct)
    {
        if (_writable is { } known && known != (holder.Name, holder.CreatedAt))
        {
            _writable = null; // a new term: the new holder must be seen out of recovery first
        }

        if (_writable == (holder.Name, holder.CreatedAt))
        {
            return true;
        }

        if (!await PrimaryQueries.IsWritableAsync(env.Ports.ForSlot(holder.Slot).Postgres, env.Secrets.Superuser, ct))
        {
            return false;
        }

        _writable = (holder.Name, holder.CreatedAt);
        return true;
    }

    private async Task ApplyAsync(MemberRecord? holder, bool writable, CancellationToken ct)
    {
        var servers = await infra.Runtime.ServersAsync(ct);
        if (servers is null)
        {
            return; // HAProxy is (re)starting: the infrastructure job brings it back with every write server out
        }

        var change = WriteRouting.Plan(holder?.Slot, writable, servers.Where(s => s.Backend == HaproxyConfig.WriteBackend));
        foreach (var slot in change.TakeOut)
        {
            await infra.Runtime.MaintenanceAsync(HaproxyConfig.WriteBackend, HaproxyConfig.ServerName(slot), ct);
        }

        if (change.PutIn is { } leaderSlot)
        {
            await infra.Runtime.ReadyAsync(HaproxyConfig.WriteBackend, HaproxyConfig.ServerName(leaderSlot), ct);
        }

        var routedTo = holder is not null && writable ? holder.Name : null;
        if (!change.IsEmpty && routedTo != _routedTo)
        {
            events.Record(
                routedTo is null ? "writes-unrouted" : "writes-routed",
                routedTo ?? _routedTo,
                holder?.Group,
                routedTo is null
                    ? holder is null ? "no member holds the leader lock: the write endpoint routes to no one" : $"{holder.Name} holds the leader lock but is still promoting"
                    : "holds the leader lock and is out of recovery: the write endpoint routes to it alone");
        }

        _routedTo = routedTo;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "write endpoint routing failed (retrying every 250 ms): {Error}")]
    private static partial void PassFailed(ILogger logger, string error);
}
