using System.Collections.Concurrent;
using k8s;
using Resilience.Topology;
using Resilience.Topology.Options;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// The platform adapter for CloudNativePG stacks deployed by the Pulumi program: a machine loss deletes a pod
/// (a replica's with its volume claims), a switchover is CloudNativePG's promote (status.targetPrimary), observation pairs a routing read from SQL through the <c>-rw</c>
/// Service with the Cluster's status, its pods and Prometheus's alerts read at most once a second, and the
/// database password comes from the Secret CloudNativePG generated. Nothing is deleted before the server has
/// accepted the same deletions as a dry run, so a refusal leaves nothing half-done.
/// </summary>
internal sealed partial class KubernetesPlatform : IDatabasePlatform
{
    private readonly StackSpec _spec;
    private readonly KubernetesPlatformOptions _options;
    private readonly CnpgApi _api;
    private readonly PrometheusAlerts? _prometheus;
    private readonly ControlPlaneCache<CnpgControlPlaneRead> _controlPlane;
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _lostThisScenario = new(StringComparer.Ordinal);
    private CnpgCell? _cell;
    private DatabaseAccess? _access;
    private EndpointIdentityProbe? _writeProbe;

    /// <summary>Creates the adapter: loads the kubeconfig (or the in-cluster account); no API call is made until the first resolve or observation.</summary>
    /// <exception cref="PlatformException">No usable kubeconfig or context, no cell, or no Prometheus URL for a stack with alarms.</exception>
    public KubernetesPlatform(StackSpec spec, KubernetesPlatformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _options = options ?? new KubernetesPlatformOptions();
        try
        {
            OptionsValidator.Validate(_options);
        }
        catch (OptionsValidationException e)
        {
            throw new PlatformException(e.Message, e);
        }

        if (spec.Cells.Count == 0)
        {
            throw new PlatformException($"stack {spec.StackName} has no cell; add one under resilience:cells");
        }

        var (config, where) = KubeConnection.Load(_options);
        if (spec.Alarms.Count > 0 && _options.PrometheusUrl is null)
        {
            throw new PlatformException($"stack {spec.StackName} declares alarms but no Prometheus URL is set; set {KubernetesPlatformConstants.PrometheusVariable} to the Prometheus that evaluates its PrometheusRule (e.g. http://prometheus-operated.monitoring.svc:9090)");
        }

        config.HttpClientTimeout = KubernetesPlatformConstants.RequestTimeout;
        Names = CnpgNames.Of(spec, spec.Cells[0], _options.Namespace);
        _api = new CnpgApi(new k8s.Kubernetes(config), Names, where);
        _prometheus = _options.PrometheusUrl is { } url ? new PrometheusAlerts(url, KubernetesPlatformConstants.RequestTimeout) : null;
        _controlPlane = new ControlPlaneCache<CnpgControlPlaneRead>(ReadControlPlaneAsync, Capabilities.ControlPlaneInterval, _options.TimeProvider);
    }

    /// <inheritdoc />
    public string Kind => KubernetesPlatformConstants.Kind;

    /// <inheritdoc />
    public PlatformCapabilities Capabilities => KubernetesPlatformConstants.CapabilitiesOf(Names, _options.PrometheusUrl);

    /// <inheritdoc />
    public string ServerIdentitySql => KubernetesPlatformConstants.ServerIdentitySql;

    /// <summary>The names of the first cell's objects.</summary>
    internal CnpgNames Names { get; }

    /// <summary>Where the API client points: the context and server, or the in-cluster account.</summary>
    public string ApiServer => _api.Where;

    /// <inheritdoc />
    public async Task<DatabaseAccess> ResolveAsync(CancellationToken cancellationToken)
    {
        var cell = await CellAsync(cancellationToken);
        if (_access is not null)
        {
            return _access;
        }

        var (user, _) = await _api.GetAppCredentialsAsync(cancellationToken);
        var password = PasswordProvider.Refreshing(
            async ct => (await _api.GetAppCredentialsAsync(ct)).Password, KubernetesPlatformConstants.PasswordRefresh, KubernetesPlatformConstants.PasswordRetry);
        _access = new DatabaseAccess(cell.Write, cell.Read, _spec.Cells[0].Database, user, password);
        _writeProbe = new EndpointIdentityProbe(_access, _access.Write, ServerIdentitySql, KubernetesPlatformConstants.RoutingTimeout);
        return _access;
    }

    /// <inheritdoc />
    public async Task<ClusterObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        var cell = await CellAsync(cancellationToken);
        var routing = _writeProbe?.AnswerAsync(cancellationToken) ?? Task.FromResult<string?>(null);
        var (read, age) = await _controlPlane.LatestAsync(Capabilities.ControlPlaneInterval * 5, cancellationToken);
        var writer = await routing;
        return new ClusterObservation(
            CnpgMembers.Map(_spec, read, cell.WarmSelector, writer),
            CnpgMembers.Alarms(_spec, read),
            FailoverEpoch: read.Cluster.TimelineId,
            Staleness: age);
    }

    /// <inheritdoc />
    public async Task<InjectedFault> InjectAsync(FaultRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind is not (FaultKind.MachineLoss or FaultKind.Switchover))
        {
            throw new PlatformException($"platform {Kind} cannot inject {FaultNames.Of(request.Kind)} into {request.Member.Name} (it offers {string.Join(", ", Capabilities.Faults.Keys.Select(FaultNames.Of))})");
        }

        await CellAsync(cancellationToken);
        // The guard reads the control plane now, not the cached read.
        var read = await ReadControlPlaneAsync(cancellationToken);
        var lost = _lostThisScenario.Keys.ToHashSet(StringComparer.Ordinal);
        if (read.Unsettled(lost) is { } unsettled)
        {
            throw new PlatformException($"not deleting {request.Member.Name}: {unsettled} (double-fault guard); run again once the Cluster is healthy");
        }

        if (request.Kind == FaultKind.Switchover)
        {
            return await SwitchoverAsync(read, request.Member.Name, cancellationToken);
        }

        var pod = read.Instances.FirstOrDefault(i => i.Name == request.Member.Name)
            ?? throw new PlatformException($"pod {request.Member.Name} is no longer an instance of Cluster {Names.Cluster} in namespace {Names.Namespace}");
        var isPrimary = pod.Name == read.Cluster.CurrentPrimary;
        var claims = isPrimary ? [] : pod.Claims;

        // The server checks every deletion first (RBAC, admission); only when all would pass is anything deleted.
        foreach (var claim in claims)
        {
            await _api.DeleteClaimAsync(claim, dryRun: true, cancellationToken);
        }

        await _api.DeletePodAsync(pod.Name, dryRun: true, cancellationToken);
        _lostThisScenario[pod.Name] = true;
        // At once: the claims are only marked for deletion while the pod uses them (pvc-protection), so the
        // pod's deletion releases them and the operator finds neither pod nor volume.
        await Task.WhenAll([.. claims.Select(c => _api.DeleteClaimAsync(c, dryRun: false, cancellationToken)), _api.DeletePodAsync(pod.Name, dryRun: false, cancellationToken)]);
        await WaitUntilGoneAsync(pod, cancellationToken);
        return new InjectedFault(request.Kind, pod.Name, isPrimary ? $"pod {pod.Name}" : $"pod {pod.Name} and {string.Join(", ", claims.Select(c => $"pvc {c}"))}");
    }

    /// <inheritdoc />
    /// <remarks>A lost machine cannot be taken back: CloudNativePG replaces it.</remarks>
    public Task LiftAsync(InjectedFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Asks the Cluster for the stack's desired instance count (the primary plus every group's desired replicas) when it differs.</remarks>
    public async Task RestoreDesiredStateAsync(CancellationToken cancellationToken)
    {
        _lostThisScenario.Clear();
        if (_cell is null)
        {
            return;
        }

        var desired = 1 + _spec.ReplicaGroups.Sum(g => g.Size.Desired);
        var cluster = await _api.GetClusterAsync(cancellationToken);
        if (cluster.Instances != desired)
        {
            await _api.PatchInstancesAsync(desired, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _controlPlane.DisposeAsync();
        if (_writeProbe is not null)
        {
            await _writeProbe.DisposeAsync();
        }

        _prometheus?.Dispose();
        _api.Dispose();
        _discovery.Dispose();
    }

    private async Task<CnpgCell> CellAsync(CancellationToken cancellationToken)
    {
        if (_cell is not null)
        {
            return _cell;
        }

        await _discovery.WaitAsync(cancellationToken);
        try
        {
            return _cell ??= await CnpgDiscovery.FindAsync(_spec, _api, _prometheus, cancellationToken);
        }
        finally
        {
            _discovery.Release();
        }
    }

    // The API server forgets a pod deleted with no grace at once; the kubelet kills its containers a moment later.
    // The fault is injected when the instance's server stops answering, so measurements start from a real loss.
    private async Task WaitUntilGoneAsync(CnpgInstance pod, CancellationToken cancellationToken)
    {
        if (_access is null || pod.PodIp is null)
        {
            return;
        }

        var direct = new DatabaseEndpoint(pod.PodIp, pod.Port);
        await using var probe = new EndpointIdentityProbe(_access, direct, ServerIdentitySql, KubernetesPlatformConstants.RoutingTimeout, pooling: false);
        var started = _options.TimeProvider.GetTimestamp();
        while (await probe.AnswerAsync(cancellationToken) == pod.ServerIdentity)
        {
            if (_options.TimeProvider.GetElapsedTime(started) > _options.KillTimeout)
            {
                throw new PlatformException($"pod {pod.Name} was deleted, but its server at {direct} still answered {_options.KillTimeout.TotalSeconds:0} s later; check the node of the pod (kubelet)");
            }

            await Task.Delay(KubernetesPlatformConstants.GonePoll, _options.TimeProvider, cancellationToken);
        }
    }

    private async Task<CnpgControlPlaneRead> ReadControlPlaneAsync(CancellationToken cancellationToken)
    {
        var cluster = _api.GetClusterAsync(cancellationToken);
        var pods = _api.ListInstancesAsync(cancellationToken);
        var alerts = _prometheus is null ? Task.FromResult<IReadOnlyList<string>>([]) : _prometheus.FiringAsync(Names.Cluster, cancellationToken);
        return new CnpgControlPlaneRead(await cluster, await pods, await alerts);
    }
}
