namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>The planned switchover: FIS cannot name the new writer, RDS's FailoverDBCluster can.</summary>
internal sealed partial class AwsPlatform
{
    // Returns once RDS names the target the writer and the writer endpoint answers from it (aurora_db_instance_identifier()).
    private async Task<InjectedFault> SwitchoverAsync(AuroraCell cell, AuroraControlPlaneRead read, string requested, CancellationToken cancellationToken)
    {
        var target = AuroraSwitchoverTarget.Choose(read, requested);
        var requestedAt = _options.TimeProvider.GetTimestamp();
        await Guard(async () =>
        {
            await _aws.FailoverDbClusterAsync(cell.ClusterIdentifier, target, cancellationToken);
            return true;
        });
        var rds = "not read yet";
        string? answered = null;
        var done = await SwitchoverCompletion.WaitAsync(
            async ct =>
            {
                // A read that began after the request, never more often than the declared interval.
                var now = await Guard(() => _controlPlane.ReadAfterAsync(requestedAt, ct));
                rds = $"cluster {now.Cluster.Status}, writer {now.Cluster.Writer?.InstanceIdentifier ?? "none"}";
                return now.Cluster.Status == "available" && now.Cluster.Writer?.InstanceIdentifier == target;
            },
            async ct =>
            {
                // Without resolved access (no workload) there is no routing read: RDS alone decides.
                answered = _writerProbe is null ? null : await _writerProbe.AnswerAsync(ct);
                return _writerProbe is null || answered == target;
            },
            _options.SwitchoverTimeout,
            AwsPlatformConstants.SwitchoverPoll,
            _options.TimeProvider,
            cancellationToken);
        return done
            ? new InjectedFault(FaultKind.Switchover, target)
            : throw new PlatformException($"switchover of cluster {cell.ClusterIdentifier} to {target} not complete after {_options.SwitchoverTimeout.TotalSeconds:0} s (RDS: {rds}; the writer endpoint answered: {answered ?? (_writerProbe is null ? "not asked" : "nothing")}); check the cluster's events in the RDS console");
    }
}
