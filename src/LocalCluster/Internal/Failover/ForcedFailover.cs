using Microsoft.Extensions.Logging.Abstractions;
using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Failover;

/// <summary>
/// The explicit way out of a double fault: promotes a named member that Patroni will not promote by itself
/// (not a synchronous standby, or too far behind), through Patroni's own <c>POST /failover</c> with that
/// candidate, which Patroni 3.0.2 honours without the synchronous-standby rule. Refused unless the caller
/// accepts the data loss, and when a primary runs or a safe candidate exists.
/// </summary>
internal sealed class ForcedFailover(ClusterEnvironment env)
{
    public async Task<AcceptedFailover> RunAsync(ClusterState state, MemberRecord target, bool acceptDataLoss, TimeSpan timeout, CancellationToken ct)
    {
        var observer = new FailoverObserver(env);
        var assessment = await observer.AssessAsync(state, ct)
            ?? throw new LocalClusterException("a primary holds the leader lock: there is nothing to fail over (failover --accept-data-loss is for a stack stuck without a primary)", LocalClusterException.BadInput);
        if (assessment.SafeCandidateExists)
        {
            throw new LocalClusterException($"no data loss to accept: {assessment.Reason}; watch status until it is done", LocalClusterException.BadInput);
        }

        var host = new MemberHost(env, state);
        var restPort = env.Ports.ForSlot(target.Slot).Patroni;
        var answer = target.Frozen || target.Lost || host.Patroni(target) is null ? null
            : await PatroniClient.GetAsync(restPort, "/patroni", LocalClusterConstants.ProbeTimeout, ct);
        if (answer is null)
        {
            var alive = assessment.BestCandidate is { } best ? $"; the best remaining member is {best}" : "; no member is left to promote";
            throw new LocalClusterException($"{target.Name} is not running (lost, frozen or not answering){alive}", LocalClusterException.BadInput);
        }

        var position = FailoverObserver.ParsePosition(answer.Value.Body);
        long? lost = position is { } p && assessment.LeaderLastPosition is { } last ? Math.Max(0, last - p) : null;
        if (!acceptDataLoss)
        {
            var amount = lost is { } b ? $"at least {b} bytes of WAL" : "an unknown amount of WAL";
            throw new LocalClusterException(
                $"promoting {target.Name} loses the acknowledged writes it did not receive ({amount}); to accept that, run: {observer.AcceptCommand(target.Name)}",
                LocalClusterException.BadInput);
        }

        var started = env.Time.GetTimestamp();
        var patroni = new PatroniActions(env);
        await patroni.PostAsync(restPort, "failover", new { candidate = target.Name }, $"failover to {target.Name}", ct);
        await patroni.WaitForLeaderAsync(target.Name, restPort, timeout, "failover", ct);
        var result = new AcceptedFailover(target.Name, position, assessment.LeaderLastPosition, lost, assessment.Reason, env.Time.GetElapsedTime(started));
        var log = new EventLog(env.Layout.EventLog, NullLogger<EventLog>.Instance, env.Time);
        log.Record("failover-accepted-data-loss", target.Name, target.Group, result.Describe());
        return result;
    }
}
