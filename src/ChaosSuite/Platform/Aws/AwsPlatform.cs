using System.Collections.Concurrent;
using Npgsql;
using Resilience.AwsControlPlane;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>
/// The platform adapter for Aurora PostgreSQL stacks deployed by the Pulumi program: faults are the
/// program's FIS experiment templates (a writer failover, a reader reboot), a planned switchover is RDS's
/// FailoverDBCluster to a warm reader, observation pairs a routing read from SQL on the writer endpoint (<c>aurora_db_instance_identifier()</c>) with RDS and CloudWatch
/// reads at most once a second, and the database password is an IAM token refreshed every 10 minutes.
/// Every experiment it starts is stopped on lift, on restore, and when it is disposed (also on a crash path).
/// </summary>
internal sealed partial class AwsPlatform : IDatabasePlatform
{
    private readonly StackSpec _spec;
    private readonly AwsPlatformOptions _options;
    private readonly IAwsControlPlane _aws;
    private readonly ControlPlaneCache<AuroraControlPlaneRead> _controlPlane;
    private readonly ConcurrentDictionary<string, string> _activeExperiments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _postmasterStarts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private AuroraCell? _cell;
    private DatabaseAccess? _access;
    private EndpointIdentityProbe? _writerProbe;

    /// <summary>Creates the adapter; no AWS call is made until the first resolve or observation.</summary>
    /// <exception cref="PlatformException">The stack file has no usable <c>aws:region</c>, or no cell.</exception>
    public AwsPlatform(StackSpec spec, string stackFilePath, AwsPlatformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _options = options ?? new AwsPlatformOptions();
        if (spec.Cells.Count == 0)
        {
            throw new PlatformException($"stack {spec.StackName} has no cell; add one under resilience:cells");
        }

        var region = StackRegion.Read(stackFilePath);
        var clientOptions = new AwsControlPlaneOptions { Region = region, EndpointUrl = _options.EndpointUrl, StaticCredentials = _options.StaticCredentials };
        try
        {
            _aws = _options.ControlPlaneFactory?.Invoke(clientOptions) ?? new AwsSdkControlPlane(clientOptions);
        }
        catch (AwsControlPlaneException e)
        {
            throw new PlatformException($"{Path.GetFileName(stackFilePath)}: {e.Message}", e);
        }

        _controlPlane = new ControlPlaneCache<AuroraControlPlaneRead>(ReadControlPlaneAsync, Capabilities.ControlPlaneInterval, _options.TimeProvider);
        AppDomain.CurrentDomain.ProcessExit += StopExperimentsOnExit;
    }

    /// <inheritdoc />
    public string Kind => AwsPlatformConstants.Kind;

    /// <inheritdoc />
    /// <remarks>Once the cell is found, the lines name its cluster, templates and reboot targets.</remarks>
    public PlatformCapabilities Capabilities => _cell is { } cell ? AwsPlatformConstants.CapabilitiesOf(cell) : AwsPlatformConstants.Capabilities;

    /// <inheritdoc />
    public string ServerIdentitySql => AwsPlatformConstants.ServerIdentitySql;

    /// <summary>The region every AWS call goes to.</summary>
    public string Region => _aws.Region;

    /// <summary>Experiments this adapter started that may still be running (id to template).</summary>
    public IReadOnlyDictionary<string, string> ActiveExperiments => _activeExperiments;

    /// <inheritdoc />
    public async Task<DatabaseAccess> ResolveAsync(CancellationToken cancellationToken)
    {
        var cell = await CellAsync(cancellationToken);
        if (_access is not null)
        {
            return _access;
        }

        var user = _spec.Database.MasterUsername;
        var password = _options.DatabasePassword is { } fixedPassword
            ? PasswordProvider.Fixed(fixedPassword)
            : PasswordProvider.Refreshing(ct => new ValueTask<string>(Guard(() => _aws.CreateDbAuthTokenAsync(cell.WriterEndpoint, cell.Port, user, ct))), AwsPlatformConstants.TokenRefresh, AwsPlatformConstants.TokenRetry);
        var database = _spec.Cells[0].Database;
        _access = new DatabaseAccess(new DatabaseEndpoint(cell.WriterEndpoint, cell.Port), new DatabaseEndpoint(cell.ReadEndpoint, cell.Port), database, user, password);
        _writerProbe = new EndpointIdentityProbe(_access, _access.Write, ServerIdentitySql, AwsPlatformConstants.RoutingTimeout);
        return _access;
    }

    /// <inheritdoc />
    public async Task<ClusterObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        var cell = await CellAsync(cancellationToken);
        var routing = _writerProbe?.AnswerAsync(cancellationToken) ?? Task.FromResult<string?>(null);
        var (read, age) = await Guard(() => _controlPlane.LatestAsync(Capabilities.ControlPlaneInterval * 5, cancellationToken));
        var writer = await routing;
        return new ClusterObservation(
            AuroraMembers.Map(_spec, cell, read, writer, _postmasterStarts),
            AuroraMembers.Alarms(cell, read.Alarms),
            FailoverEpoch: null,
            Staleness: age);
    }

    /// <inheritdoc />
    public async Task<InjectedFault> InjectAsync(FaultRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Capabilities.CanInject(request.Kind) || request.Kind == FaultKind.OverloadTarget)
        {
            throw new PlatformException($"platform aws cannot inject {FaultNames.Of(request.Kind)} into {request.Member.Name}");
        }

        var cell = await CellAsync(cancellationToken);
        var read = await Guard(() => ReadControlPlaneAsync(cancellationToken));
        if (read.Unsettled() is { } unsettled)
        {
            throw new PlatformException($"not injecting into {request.Member.Name}: {unsettled} (double-fault guard); run again once it is available");
        }

        if (!_activeExperiments.IsEmpty)
        {
            throw new PlatformException($"not injecting into {request.Member.Name}: experiment {_activeExperiments.Keys.First()} is still running (double-fault guard)");
        }

        // Anyone's experiment of these templates (another runner, the console, a schedule) is a fault already under way.
        var templates = new HashSet<string>([cell.PrimaryFailureTemplate, cell.ReplicaFailureTemplate], StringComparer.Ordinal);
        if ((await Guard(() => _aws.ListExperimentsAsync(cancellationToken))).FirstOrDefault(e => e.IsActive && e.TemplateId is { } t && templates.Contains(t)) is { } running)
        {
            throw new PlatformException($"not injecting into {request.Member.Name}: FIS experiment {running.Id} of template {running.TemplateId} is {running.Status.ToString().ToLowerInvariant()} (double-fault guard); wait for it to end or stop it with `aws fis stop-experiment --id {running.Id} --region {Region}`");
        }

        if (request.Kind == FaultKind.Switchover)
        {
            return await SwitchoverAsync(cell, read, request.Member.Name, cancellationToken);
        }

        var instance = read.Instances.FirstOrDefault(i => i.Identifier == request.Member.Name)
            ?? throw new PlatformException($"instance {request.Member.Name} is no longer in cluster {cell.ClusterIdentifier}");
        var isWriter = read.Cluster.Writer?.InstanceIdentifier == instance.Identifier;
        string template;
        if (isWriter)
        {
            template = cell.PrimaryFailureTemplate;
        }
        else if (instance.Arn is { } arn && cell.CanRebootReader(arn))
        {
            template = cell.ReplicaFailureTemplate;
        }
        else
        {
            throw new PlatformException($"reader {instance.Identifier} is not a target of FIS template {cell.ReplicaFailureTemplate} (the reader-reboot template never targets the failover target); the targets are {string.Join(", ", cell.ReplicaFailureTargets)}");
        }

        if (isWriter != (request.Kind == FaultKind.Failover || request.Member.Role == MemberRole.Primary) && request.Kind != FaultKind.MachineLoss)
        {
            throw new PlatformException($"{FaultNames.Of(request.Kind)} of {instance.Identifier} does not match its role ({(isWriter ? "writer" : "reader")})");
        }

        var experiment = await StartAsync(cell, template, instance.Identifier, cancellationToken);
        var hit = isWriter || cell.ReplicaFailureTargets.Count == 1 ? instance.Identifier : await RebootedReaderAsync(cell, instance.Identifier, cancellationToken);
        return new InjectedFault(request.Kind, hit, experiment);
    }

    // The reader-reboot template picks one of its targets at random (COUNT(1)) and StartExperiment cannot narrow
    // it, so the member measured is the one RDS reports rebooting; the requested one when none shows in time.
    private async Task<string> RebootedReaderAsync(AuroraCell cell, string requested, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        while (_options.TimeProvider.GetElapsedTime(started) < _options.ExperimentStartTimeout)
        {
            var instances = await Guard(() => _aws.DescribeDbInstancesAsync(cell.ClusterIdentifier, cancellationToken));
            var rebooting = instances.Where(i => i.Status != "available" && i.Arn is { } arn && cell.CanRebootReader(arn)).Select(i => i.Identifier).ToList();
            if (rebooting.Count > 0)
            {
                return rebooting.Contains(requested, StringComparer.Ordinal) ? requested : rebooting[0];
            }

            await Task.Delay(AwsPlatformConstants.ExperimentPoll, _options.TimeProvider, cancellationToken);
        }

        return requested;
    }

    /// <inheritdoc />
    public async Task LiftAsync(InjectedFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Reference is { } id)
        {
            await StopAsync(id, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task RestoreDesiredStateAsync(CancellationToken cancellationToken)
    {
        // Aurora brings a rebooted or failed-over instance back by itself and the gate controller returns
        // it to the warm-readers endpoint; what the suite owes is that none of its experiments keeps running.
        foreach (var id in _activeExperiments.Keys.ToList())
        {
            await StopAsync(id, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            foreach (var id in _activeExperiments.Keys.ToList())
            {
                try
                {
                    await StopAsync(id, deadline.Token);
                }
                catch (Exception e) when (e is PlatformException or OperationCanceledException)
                {
                    await Console.Error.WriteLineAsync($"chaos: could not stop FIS experiment {id}: {e.Message}; stop it with `aws fis stop-experiment --id {id} --region {Region}`");
                }
            }
        }

        AppDomain.CurrentDomain.ProcessExit -= StopExperimentsOnExit;
        await _controlPlane.DisposeAsync();
        if (_writerProbe is not null)
        {
            await _writerProbe.DisposeAsync();
        }

        foreach (var source in _direct.Values)
        {
            await source.DisposeAsync();
        }

        _aws.Dispose();
        _discovery.Dispose();
    }

    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _direct = new(StringComparer.Ordinal);

    private async Task<AuroraCell> CellAsync(CancellationToken cancellationToken)
    {
        if (_cell is not null)
        {
            return _cell;
        }

        await _discovery.WaitAsync(cancellationToken);
        try
        {
            return _cell ??= await Guard(() => AuroraDiscovery.FindAsync(_spec, _spec.Cells[0], _aws, _options.StackOutputsPath, cancellationToken));
        }
        finally
        {
            _discovery.Release();
        }
    }

    private async Task<AuroraControlPlaneRead> ReadControlPlaneAsync(CancellationToken cancellationToken)
    {
        var cell = await CellAsync(cancellationToken);
        var cluster = (await _aws.DescribeDbClustersAsync(cell.ClusterIdentifier, cancellationToken)).Single();
        var instances = await _aws.DescribeDbInstancesAsync(cell.ClusterIdentifier, cancellationToken);
        var endpoints = await _aws.DescribeDbClusterEndpointsAsync(cell.ClusterIdentifier, cancellationToken);
        var alarms = cell.AlarmNames.Count == 0 ? [] : await _aws.DescribeAlarmsAsync([.. cell.AlarmNames.Values], cancellationToken);
        await ReadPostmasterStartsAsync(instances, cancellationToken);
        return new AuroraControlPlaneRead(cluster, instances, endpoints.FirstOrDefault(e => e.Identifier == cell.ReadEndpointIdentifier), alarms);
    }

    // A restart under the same name shows in pg_postmaster_start_time(); kept per instance from the last read that answered.
    private async Task ReadPostmasterStartsAsync(IReadOnlyList<DbInstance> instances, CancellationToken cancellationToken)
    {
        if (_access is null)
        {
            return;
        }

        foreach (var instance in instances.Where(i => i.Status == "available" && i.Address is not null))
        {
            var source = _direct.GetOrAdd(instance.Identifier, _ =>
            {
                var builder = _access.ConnectionString(new DatabaseEndpoint(instance.Address!, instance.Port ?? _access.Write.Port));
                builder.Timeout = (int)AwsPlatformConstants.RoutingTimeout.TotalSeconds;
                builder.CommandTimeout = (int)AwsPlatformConstants.RoutingTimeout.TotalSeconds;
                builder.ApplicationName = "chaos-incarnation";
                return _access.CreateDataSource(builder);
            });
            try
            {
                await using var command = source.CreateCommand("select pg_postmaster_start_time()::text");
                if (await command.ExecuteScalarAsync(cancellationToken) is string started)
                {
                    _postmasterStarts[instance.Identifier] = started;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // Unreachable now (rebooting): keep the last start time seen.
            }
        }
    }

    private async Task<string> StartAsync(AuroraCell cell, string template, string member, CancellationToken cancellationToken)
    {
        var token = $"chaos-{Guid.NewGuid():N}";
        var tags = new Dictionary<string, string>
        {
            ["resilience:stack"] = _spec.StackName,
            ["resilience:cell"] = cell.Cell,
            ["resilience:member"] = member,
            ["resilience:started-by"] = "chaos",
        };
        var experiment = await Guard(() => _aws.StartExperimentAsync(template, token, tags, cancellationToken));
        _activeExperiments[experiment.Id] = template;
        var deadline = _options.TimeProvider.GetTimestamp();
        while (true)
        {
            if (experiment.Status is ExperimentStatus.Running or ExperimentStatus.Completed)
            {
                return experiment.Id;
            }

            if (!experiment.IsActive)
            {
                _activeExperiments.TryRemove(experiment.Id, out _);
                throw new PlatformException($"FIS experiment {experiment.Id} of template {template} did not start: {experiment.Status.ToString().ToLowerInvariant()}{(experiment.Reason is { } r ? $" ({r})" : "")}; see the experiment in the FIS console");
            }

            if (_options.TimeProvider.GetElapsedTime(deadline) > _options.ExperimentStartTimeout)
            {
                await StopAsync(experiment.Id, CancellationToken.None);
                throw new PlatformException($"FIS experiment {experiment.Id} of template {template} was still {experiment.Status.ToString().ToLowerInvariant()} after {_options.ExperimentStartTimeout.TotalSeconds:0} s; stopped it");
            }

            await Task.Delay(AwsPlatformConstants.ExperimentPoll, _options.TimeProvider, cancellationToken);
            experiment = await Guard(() => _aws.GetExperimentAsync(experiment.Id, cancellationToken));
        }
    }

    private async Task StopAsync(string id, CancellationToken cancellationToken)
    {
        var experiment = await Guard(() => _aws.GetExperimentAsync(id, cancellationToken));
        if (experiment.IsActive && experiment.Status != ExperimentStatus.Stopping)
        {
            await Guard(() => _aws.StopExperimentAsync(id, cancellationToken));
        }

        _activeExperiments.TryRemove(id, out _);
    }

    // The crash path: the process is exiting with experiments still running; stop them synchronously.
    private void StopExperimentsOnExit(object? sender, EventArgs e)
    {
        foreach (var id in _activeExperiments.Keys.ToList())
        {
            try
            {
                _aws.StopExperimentAsync(id, CancellationToken.None).Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // Nothing more can be done while exiting; DisposeAsync reports it when it runs.
            }
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AwsControlPlaneException e)
        {
            throw new PlatformException(e.Message, e);
        }
    }
}
