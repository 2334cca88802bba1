namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>The planned switchover: CloudNativePG's promote, then what really changed.</summary>
internal sealed partial class KubernetesPlatform
{
    // Returns once the Cluster's status.currentPrimary names the target and the -rw Service answers from the target's pod.
    private async Task<InjectedFault> SwitchoverAsync(CnpgControlPlaneRead read, string requested, CancellationToken cancellationToken)
    {
        var target = CnpgSwitchoverTarget.Choose(read, requested);
        var identity = read.Instances.Single(i => i.Name == target).ServerIdentity;
        var requestedAt = _options.TimeProvider.GetTimestamp();
        await _api.PromoteAsync(target, _options.TimeProvider.GetUtcNow(), cancellationToken);
        string? primary = null;
        string? answered = null;
        var done = await SwitchoverCompletion.WaitAsync(
            async ct =>
            {
                // A read that began after the patch, never more often than the declared interval.
                primary = (await _controlPlane.ReadAfterAsync(requestedAt, ct)).Cluster.CurrentPrimary;
                return primary == target;
            },
            async ct =>
            {
                // Without resolved access (no workload) there is no routing read: the Cluster's status alone decides.
                answered = _writeProbe is null ? null : await _writeProbe.AnswerAsync(ct);
                return _writeProbe is null || answered == identity;
            },
            _options.SwitchoverTimeout,
            KubernetesPlatformConstants.SwitchoverPoll,
            _options.TimeProvider,
            cancellationToken);
        return done
            ? new InjectedFault(FaultKind.Switchover, target, $"Cluster {Names.Cluster} status.targetPrimary {target}")
            : throw new PlatformException($"switchover of Cluster {Names.Cluster} to {target} not complete after {_options.SwitchoverTimeout.TotalSeconds:0} s (status.currentPrimary: {primary ?? "none"}, Service {Names.WriteService} answered: {answered ?? (_writeProbe is null ? "not asked" : "nothing")}); see `kubectl cnpg status {Names.Cluster} -n {Names.Namespace}`");
    }
}
