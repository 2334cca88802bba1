using System.Globalization;
using System.Net;

namespace Resilience.AwsStandIn;

/// <summary>
/// FIS's part when the stand-in has a <see cref="Database"/>: an experiment runs its template's action on
/// real PostgreSQL members (a reboot restarts the instance's PostgreSQL, a cluster failover promotes the
/// reader with the lowest promotion tier), while RDS reports it as Aurora does (<c>rebooting</c>,
/// <c>failing-over</c>, the new writer), then the experiment completes.
/// </summary>
public sealed partial class AuroraStandIn
{
    private readonly List<Task> _actions = [];
    private readonly List<Relays> _relays = [];

    /// <summary>
    /// How long a rebooted instance stays <c>rebooting</c> (refusing connections) at least, whatever its PostgreSQL
    /// takes to restart: an Aurora reboot takes tens of seconds, longer than the endpoints' DNS TTL.
    /// </summary>
    public TimeSpan RebootDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The machines behind the stand-in's instances; null: experiments stay running and change nothing (tests play FIS's part).</summary>
    public IStandInDatabase? Database { get; set; }

    /// <summary>How FIS picks targets under <c>COUNT(n)</c>.</summary>
    public Random TargetSelection { get; set; } = new();

    /// <summary>The TTL of the stand-in endpoints' DNS answers (Aurora's endpoints have 5 s).</summary>
    public TimeSpan EndpointDnsTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Serves <paramref name="cluster"/>'s writer endpoint on <paramref name="writer"/> and its custom endpoint on
    /// <paramref name="reader"/>, both at the cluster's port: the writer endpoint leads to the instance RDS reports as
    /// writer, the custom endpoint to its static members in turn (a rebooting member stays in it, as on Aurora),
    /// each as resolved by DNS with <see cref="EndpointDnsTtl"/>.
    /// </summary>
    public async Task<IAsyncDisposable> ServeEndpointsAsync(StandInCluster cluster, IPAddress writer, IPAddress reader)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        int port;
        lock (Gate)
        {
            port = cluster.Port;
            cluster.WriterAddress = writer.ToString();
            cluster.ReaderAddress = reader.ToString();
            foreach (var endpoint in cluster.Endpoints)
            {
                endpoint.Address = endpoint.Type == "WRITER" ? cluster.WriterAddress : cluster.ReaderAddress;
            }
        }

        var writerDns = new EndpointDns(() => Resolve(() => [.. cluster.Instances.Where(i => i.IsWriter).Select(i => i.Id)]), EndpointDnsTtl, Time);
        var readerDns = new EndpointDns(() => Resolve(() => [.. cluster.Endpoints.FirstOrDefault(e => e.Type == "CUSTOM")?.StaticMembers ?? []]), EndpointDnsTtl, Time);
        var writerRelay = new LoopbackRelay(writer, port, () => Accepting(cluster, writerDns.Next()));
        try
        {
            var relays = new Relays(writerRelay, new LoopbackRelay(reader, port, () => Accepting(cluster, readerDns.Next())));
            lock (_relays)
            {
                _relays.Add(relays);
            }

            return relays;
        }
        catch
        {
            await writerRelay.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private List<string> Resolve(Func<List<string>> members)
    {
        lock (Gate)
        {
            return members();
        }
    }

    // The port behind an instance's name, unless it is rebooting: then it refuses connections.
    private int? Accepting(StandInCluster cluster, string? instance)
    {
        lock (Gate)
        {
            return cluster.Instances.FirstOrDefault(i => i.Id == instance) is { Status: not "rebooting" } target ? target.Port : null;
        }
    }

    // A reboot ends every session on the instance at once.
    private void Reboot(StandInInstance instance)
    {
        instance.Status = "rebooting";
        lock (_relays)
        {
            foreach (var relays in _relays)
            {
                relays.Reset(instance.Port);
            }
        }
    }

    private Task RunActionAsync(StandInExperiment experiment, StandInTemplate template)
    {
        var action = Task.Run(() => ActAsync(experiment, template, Database!, _stop.Token));
        lock (_actions)
        {
            _actions.Add(action);
        }

        return action;
    }

    private async Task ActAsync(StandInExperiment experiment, StandInTemplate template, IStandInDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            switch (template.ActionId)
            {
                case "aws:rds:reboot-db-instances":
                    await RebootTargetsAsync(experiment, template, database, cancellationToken).ConfigureAwait(false);
                    break;
                case "aws:rds:failover-db-cluster":
                    await FailOverTargetAsync(experiment, template, database, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"the stand-in does not run action {template.ActionId}");
            }

            EndExperiment(experiment.Id);
        }
        catch (OperationCanceledException)
        {
            // The stand-in is shutting down.
        }
        catch (Exception e)
        {
            EndExperiment(experiment.Id, "failed", e.Message.ReplaceLineEndings(" "));
        }
    }

    private async Task RebootTargetsAsync(StandInExperiment experiment, StandInTemplate template, IStandInDatabase database, CancellationToken cancellationToken)
    {
        List<StandInInstance> victims;
        lock (Gate)
        {
            var targets = Clusters.SelectMany(c => c.Instances).Where(i => template.TargetArns.Contains(i.Arn(Region))).ToList();
            victims = [.. Select(targets, template.SelectionMode)];
            foreach (var victim in victims)
            {
                Reboot(victim);
                experiment.ResolvedTargetArns.Add(victim.Arn(Region));
            }
        }

        try
        {
            // The instance is down for at least the modelled reboot time, however fast PostgreSQL restarts.
            var rebooted = Task.Delay(RebootDuration, Time, cancellationToken);
            await Task.WhenAll(victims.Select(v => database.RebootAsync(v.Id, cancellationToken))).ConfigureAwait(false);
            await rebooted.ConfigureAwait(false);
        }
        finally
        {
            lock (Gate)
            {
                victims.ForEach(v => v.Status = "available");
            }
        }
    }

    private async Task FailOverTargetAsync(StandInExperiment experiment, StandInTemplate template, IStandInDatabase database, CancellationToken cancellationToken)
    {
        StandInCluster cluster;
        StandInInstance target;
        lock (Gate)
        {
            cluster = Clusters.First(c => template.TargetArns.Contains(c.Arn(Region)));
            // Aurora promotes the reader with the lowest promotion tier (then the largest; here: the first).
            target = cluster.Instances.Where(i => !i.IsWriter).OrderBy(i => i.PromotionTier).First();
            cluster.Status = "failing-over";
            experiment.ResolvedTargetArns.Add(cluster.Arn(Region));
        }

        await PromoteAsync(cluster, target, database, cancellationToken).ConfigureAwait(false);
    }

    // FailoverDBCluster with a database behind: the call is answered at once (the cluster failing-over), the real
    // switchover runs after it, and RDS names the new writer only once it accepts writes.
    private Func<Task> FailOverLater(StandInCluster cluster, StandInInstance target, IStandInDatabase database)
    {
        cluster.Status = "failing-over";
        return () =>
        {
            var action = Task.Run(async () =>
            {
                try
                {
                    await PromoteAsync(cluster, target, database, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The stand-in is shutting down.
                }
            });
            lock (_actions)
            {
                _actions.Add(action);
            }

            return action;
        };
    }

    private async Task PromoteAsync(StandInCluster cluster, StandInInstance target, IStandInDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            await database.FailOverAsync(cluster.Id, target.Id, cancellationToken).ConfigureAwait(false);
            lock (Gate)
            {
                cluster.Instances.ForEach(i => i.IsWriter = i == target);
            }
        }
        finally
        {
            lock (Gate)
            {
                cluster.Status = "available";
            }
        }
    }

    // COUNT(n): n of the targets at random, as FIS resolves it when the experiment starts.
    private IEnumerable<StandInInstance> Select(List<StandInInstance> targets, string selectionMode)
    {
        if (selectionMode == "ALL")
        {
            return targets;
        }

        var count = int.Parse(selectionMode["COUNT(".Length..^1], CultureInfo.InvariantCulture);
        return targets.OrderBy(_ => TargetSelection.Next()).Take(count);
    }

    private async Task AwaitActionsAsync()
    {
        Task[] running;
        lock (_actions)
        {
            running = [.. _actions];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private sealed class Relays(LoopbackRelay writer, LoopbackRelay reader) : IAsyncDisposable
    {
        public void Reset(int port)
        {
            writer.Reset(port);
            reader.Reset(port);
        }

        public async ValueTask DisposeAsync()
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }
}
