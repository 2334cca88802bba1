using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.KubernetesStandIn;
using StandIn = Resilience.KubernetesStandIn.KubernetesStandIn;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>
/// Plays CloudNativePG's part for the end-to-end test: the members of a real local cluster appear in the stand-in
/// as the Cluster's instance pods (a new member as a new serial, its port as the pod's postgresql port, its gate as
/// the warm label, its readiness as the pod's), its endpoints as the Services, its credentials as the app Secret.
/// Deleting a pod in the stand-in kills the corresponding member for real (SIGKILL, data deleted); the local
/// supervisor then replaces it, and the replacement shows as a new pod, as the operator's new instance would. A promote
/// (status.targetPrimary patched) is a real Patroni switchover to the member behind the target pod.
/// </summary>
internal sealed class LocalMembersAsPods : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);
    private readonly LocalPlatform _local;
    private readonly StandIn _standIn;
    private readonly string _cluster;
    private readonly Dictionary<string, string> _podOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _killed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ClusterObservation? _latest;
    private int _nextSerial;

    public LocalMembersAsPods(LocalPlatform local, StandIn standIn, DatabaseAccess access, string password)
    {
        _local = local;
        _standIn = standIn;
        lock (standIn.Gate)
        {
            var cluster = standIn.Cluster!;
            _cluster = cluster.Name;
            standIn.Pods.Clear();
            standIn.Claims.Clear();
            foreach (var service in standIn.Services)
            {
                service.ClusterIp = access.Write.Host;
                service.Port = service.Name == $"{_cluster}-rw" ? access.Write.Port : access.Read.Port;
            }

            standIn.Secrets[$"{_cluster}-app"]["username"] = access.Username;
            standIn.Secrets[$"{_cluster}-app"]["password"] = password;
        }

        standIn.OnPodDeleted = KillAsync;
        standIn.OnPromote = SwitchOverAsync;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The local members killed through a pod deletion.</summary>
    public IReadOnlyCollection<string> Killed
    {
        get
        {
            lock (_killed)
            {
                return [.. _killed];
            }
        }
    }

    /// <summary>Projects the local cluster once now.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var observation = await _local.ObserveAsync(cancellationToken);
        lock (_standIn.Gate)
        {
            _latest = observation;
            Project(observation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _standIn.OnPodDeleted = null;
        _standIn.OnPromote = null;
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(_stop.Token);
                await Task.Delay(Period, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (PlatformException)
            {
                // The local cluster is between states; the next tick reads it again.
            }
        }
    }

    private void Project(ClusterObservation observation)
    {
        var cluster = _standIn.Cluster!;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in observation.Members)
        {
            bool killed;
            lock (_killed)
            {
                killed = _killed.Contains(member.Name);
            }

            if (killed || member.DirectEndpoint is null)
            {
                continue;
            }

            if (!_podOf.TryGetValue(member.IncarnationKey, out var name))
            {
                name = _podOf[member.IncarnationKey] = $"{_cluster}-{++_nextSerial}";
                var created = StandInCell.Pod(_cluster, _nextSerial, "replica", member.DirectEndpoint.Host, member.DirectEndpoint.Port);
                _standIn.Pods.Add(created);
                _standIn.Claims.Add(name);
            }

            present.Add(name);
            var pod = _standIn.Pods.FirstOrDefault(p => p.Name == name);
            if (pod is null)
            {
                continue;
            }

            var role = member.Role == MemberRole.Primary ? "primary" : "replica";
            pod.Labels["cnpg.io/instanceRole"] = role;
            pod.Labels["role"] = role;
            if (member.Role == MemberRole.Replica && member.GateOpen)
            {
                pod.Labels[StandInCell.WarmLabel] = "true";
            }
            else
            {
                pod.Labels.Remove(StandInCell.WarmLabel);
            }

            pod.Ready = member.Health == MemberHealth.Running;
            pod.Phase = member.Health == MemberHealth.Down ? "Failed" : pod.Ready ? "Running" : "Pending";
        }

        _standIn.Pods.RemoveAll(p => !present.Contains(p.Name));
        if (observation.Primary is { } primary && _podOf.TryGetValue(primary.IncarnationKey, out var primaryPod))
        {
            cluster.CurrentPrimary = cluster.TargetPrimary = primaryPod;
        }

        cluster.ReadyInstances = _standIn.Pods.Count(p => p.Ready);
        var primaryUp = _standIn.Pods.Any(p => p.Name == cluster.CurrentPrimary && p.Ready);
        cluster.Phase = !primaryUp ? "Failing over"
            : cluster.ReadyInstances >= cluster.Instances && _standIn.Pods.All(p => p.Ready) ? "Cluster in healthy state"
            : "Creating a new replica";
        cluster.TimelineId = observation.FailoverEpoch ?? 1;
        _standIn.Alerts.Clear();
        _standIn.Alerts.AddRange(observation.Firing.Select(a => new StandInAlert(a.Name, _cluster, "firing")));
    }

    /// <summary>The local member behind a pod, as last projected.</summary>
    public MemberObservation? MemberOf(string pod)
    {
        lock (_standIn.Gate)
        {
            var key = _podOf.FirstOrDefault(p => p.Value == pod).Key;
            return _latest?.Members.FirstOrDefault(m => m.IncarnationKey == key);
        }
    }

    // The operator's side of a promote (status.targetPrimary): a real planned switchover (Patroni's) to the member behind the pod.
    private async Task SwitchOverAsync(string pod)
    {
        if (MemberOf(pod) is { } member)
        {
            await _local.InjectAsync(new FaultRequest(FaultKind.Switchover, member), CancellationToken.None);
        }
    }

    // The operator's side of a pod deletion: the machine behind it is lost.
    private async Task KillAsync(StandInPod pod)
    {
        MemberObservation? member;
        lock (_standIn.Gate)
        {
            var key = _podOf.FirstOrDefault(p => p.Value == pod.Name).Key;
            member = _latest?.Members.FirstOrDefault(m => m.IncarnationKey == key);
        }

        if (member is null)
        {
            return;
        }

        lock (_killed)
        {
            _killed.Add(member.Name);
        }

        await _local.InjectAsync(new FaultRequest(FaultKind.MachineLoss, member), CancellationToken.None);
    }
}
