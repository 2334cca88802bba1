using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
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
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

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
        await RequestAsync(restPort, target.Name, ct);
        await WaitForLeaderAsync(target.Name, restPort, timeout, ct);
        var result = new AcceptedFailover(target.Name, position, assessment.LeaderLastPosition, lost, assessment.Reason, env.Time.GetElapsedTime(started));
        var log = new EventLog(env.Layout.EventLog, NullLogger<EventLog>.Instance, env.Time);
        log.Record("failover-accepted-data-loss", target.Name, target.Group, result.Describe());
        return result;
    }

    private async Task RequestAsync(int restPort, string candidate, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{LocalClusterConstants.Host}:{restPort}/failover"))
        {
            // Patroni's REST server wants a Content-Length: a buffered body, not a streamed one.
            Content = new StringContent(JsonSerializer.Serialize(new { candidate }), Encoding.UTF8, "application/json"),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"patroni:{env.Secrets.RestApi}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        using var response = await Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = (await response.Content.ReadAsStringAsync(ct)).Trim();
            throw new LocalClusterException($"Patroni refused the failover to {candidate}: {(int)response.StatusCode} {body}", LocalClusterException.Failed);
        }
    }

    private async Task WaitForLeaderAsync(string candidate, int restPort, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = env.Time.GetUtcNow() + timeout;
        while (env.Time.GetUtcNow() < deadline)
        {
            var view = await PatroniClient.ClusterAsync(restPort, LocalClusterConstants.ProbeTimeout, ct);
            if (view?.Leader is { IsRunning: true } leader && leader.Name == candidate)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), env.Time, ct);
        }

        throw new LocalClusterException($"{candidate} was not running as primary {timeout.TotalSeconds:0} s after the failover request; see its Patroni log", LocalClusterException.Failed);
    }
}
