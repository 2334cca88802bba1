using Resilience.LocalCluster;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Local;

/// <summary>
/// The platform adapter over the LocalCluster library (in-process): the embedded PostgreSQL + Patroni +
/// etcd + HAProxy cluster on loopback. Killing a member is a machine loss (SIGKILL of its process tree,
/// its data deleted); freezing is SIGSTOP of every process of the member. Point-in-time copies come from the
/// stack's pgBackRest repository (<c>restore --into</c>).
/// </summary>
internal sealed class LocalPlatform : IDatabasePlatform, IManagedPlatform, IPointInTimeRestore
{
    private readonly LocalClusterController _controller;
    private readonly LocalPlatformOptions _options;
    private readonly ProgressWriter _progress = new();
    private readonly ControlPlaneCache<ClusterStatus> _status;
    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Running)> _degraded = [];

    /// <summary>Creates the adapter for <paramref name="spec"/>; starts nothing.</summary>
    /// <exception cref="PlatformException">The stack cannot be realized locally (its ports do not fit, a bad group name).</exception>
    public LocalPlatform(StackSpec spec, LocalPlatformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _options = options ?? new LocalPlatformOptions();
        try
        {
            _controller = LocalClusterController.Create(spec, new LocalClusterOptions
            {
                RepoRoot = _options.RepoRoot,
                StackFilePath = _options.StackFilePath,
                StateDir = _options.StateDir,
                PortBase = _options.PortBase,
                SteadyTimeout = _options.StartTimeout,
                Progress = _progress,
                TimeProvider = _options.TimeProvider,
            });
        }
        catch (Exception e) when (e is LocalClusterException or InvalidOperationException or IOException)
        {
            throw new PlatformException(e.Message, e);
        }

        Spec = spec;
        _status = new ControlPlaneCache<ClusterStatus>(_controller.GetStatusAsync, Capabilities.ControlPlaneInterval, _options.TimeProvider);
    }

    /// <summary>The stack.</summary>
    public StackSpec Spec { get; }

    /// <summary>The cluster's state directory (logs are there).</summary>
    public string StateDir => _controller.StateDir;

    /// <inheritdoc />
    public string Kind => LocalPlatformConstants.Kind;

    /// <inheritdoc />
    public string ServerIdentitySql => LocalPlatformConstants.ServerIdentitySql;

    /// <inheritdoc />
    public PlatformCapabilities Capabilities { get; } = LocalPlatformConstants.Capabilities;

    /// <inheritdoc />
    public string StartCommandHint => $"dotnet run --project src/LocalCluster -- up --stack {Spec.StackName}";

    /// <inheritdoc />
    public Task<DatabaseAccess> ResolveAsync(CancellationToken cancellationToken) => Guard(() =>
    {
        if (!_controller.IsRunning)
        {
            throw new LocalClusterException($"the local cluster of stack {Spec.StackName} is not running; start it with: {StartCommandHint} (or run chaos gameday, which starts it)");
        }

        var credentials = _controller.GetCredentials();
        return Task.FromResult(new DatabaseAccess(
            new DatabaseEndpoint(_controller.WriteEndpoint.Host, _controller.WriteEndpoint.Port),
            new DatabaseEndpoint(_controller.ReadEndpoint.Host, _controller.ReadEndpoint.Port),
            credentials.Database,
            credentials.User,
            PasswordProvider.Fixed(credentials.Password)));
    });

    /// <inheritdoc />
    /// <remarks>Routing is read from HAProxy on every call (sub-millisecond); the rest comes from the freshest full status (Patroni, HealthProbes, the primary: ~15 ms idle, seconds under overload).</remarks>
    public Task<ClusterObservation> ObserveAsync(CancellationToken cancellationToken) => Guard(async () =>
    {
        var routing = _controller.GetEndpointRoutingAsync(cancellationToken);
        var (status, age) = await _status.LatestAsync(_options.MaxStatusAge, cancellationToken);
        return StatusMapping.ToObservation(status, await routing, age);
    });

    /// <inheritdoc />
    public Task<InjectedFault> InjectAsync(FaultRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var member = request.Member.Name;
        return Guard(async () =>
        {
            switch (request.Kind)
            {
                case FaultKind.MachineLoss:
                    await _controller.KillMemberAsync(member, cancellationToken);
                    break;
                case FaultKind.ClusterLoss:
                    // Every machine at once: the kills start together, none waits for another's storage to go.
                    var status = await _controller.GetStatusAsync(cancellationToken);
                    await Task.WhenAll(status.Members.Select(m => _controller.KillMemberAsync(m.Name, cancellationToken)));
                    break;
                case FaultKind.Freeze:
                    await _controller.FreezeMemberAsync(member, cancellationToken);
                    break;
                case FaultKind.CpuStarvation:
                    StartDegrading(member);
                    break;
                case FaultKind.Switchover:
                    // Naming the primary asks for the platform's choice (the least lagged warm synchronous standby).
                    var done = await _controller.SwitchoverAsync(request.Member.Role == MemberRole.Primary ? null : member, cancellationToken);
                    return new InjectedFault(request.Kind, done.To);
                default:
                    throw new PlatformException($"platform {Kind} cannot inject {FaultNames.Of(request.Kind)} (it offers {string.Join(", ", Capabilities.Faults.Keys.Select(FaultNames.Of))})");
            }

            return new InjectedFault(request.Kind, member);
        });
    }

    /// <inheritdoc />
    public Task LiftAsync(InjectedFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.Kind switch
        {
            FaultKind.Freeze => Guard(() => _controller.ThawMemberAsync(fault.Member, cancellationToken)),
            FaultKind.CpuStarvation => Guard(() => StopDegradingAsync(fault.Member)),
            _ => Task.CompletedTask,
        };
    }

    /// <inheritdoc />
    public Task RestoreDesiredStateAsync(CancellationToken cancellationToken) => Guard(async () =>
    {
        if (!_controller.IsRunning)
        {
            return;
        }

        var status = await _controller.GetStatusAsync(cancellationToken);
        foreach (var frozen in status.Members.Where(m => m.State == MemberState.Frozen))
        {
            await _controller.ThawMemberAsync(frozen.Name, cancellationToken);
        }

        foreach (var group in Spec.ReplicaGroups)
        {
            if (status.Groups.FirstOrDefault(g => g.Name == group.Name) is { } now && now.Desired != group.Size.Desired)
            {
                await _controller.ScaleAsync(group.Name, group.Size.Desired, cancellationToken);
            }
        }
    });

    /// <inheritdoc />
    public Task<RestorableRange?> GetRestorableRangeAsync(CancellationToken cancellationToken) => Guard(async () =>
    {
        var listing = await _controller.GetBackupsAsync(cancellationToken);
        return listing.Window is { } w ? new RestorableRange(w.From, w.To, listing.Backups[^1].Stopped) : null;
    });

    /// <inheritdoc />
    public Task<RestoredDatabase> RestoreCopyAsync(DateTimeOffset target, string name, CancellationToken cancellationToken) => Guard(async () =>
    {
        var copy = await _controller.RestoreAsync(target, name, cancellationToken);
        var listing = await _controller.GetBackupsAsync(CancellationToken.None);
        var backup = listing.Backups.FirstOrDefault(b => b.Label == copy.BackupLabel);
        return new RestoredDatabase(copy.Name, new DatabaseEndpoint(copy.Endpoint.Host, copy.Endpoint.Port), target, copy.BackupLabel,
            backup?.Stopped ?? target, copy.RestoreSeconds);
    });

    /// <inheritdoc />
    public Task RestoreStackAsync(CancellationToken cancellationToken) =>
        Guard(() => _controller.RestoreClusterAsync(waitForSteady: false, cancellationToken));

    /// <inheritdoc />
    public string RecoveryPointBound => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"writes acknowledged after the last WAL segment that reached the repository: archive_timeout {LocalClusterController.ArchiveTimeoutSeconds} s plus the archiving delay (WAL is not streamed synchronously to the repository)");

    /// <inheritdoc />
    public Task DropCopyAsync(string name, CancellationToken cancellationToken) => Guard(() => _controller.DropCopyAsync(name, cancellationToken));

    /// <inheritdoc />
    public Task<bool> IsRunningAsync(CancellationToken cancellationToken) => Task.FromResult(_controller.IsRunning);

    /// <inheritdoc />
    public Task StartAsync(IProgress<string> progress, CancellationToken cancellationToken) => Guard(async () =>
    {
        _progress.Sink = progress;
        try
        {
            await _controller.UpAsync(cancellationToken);
        }
        finally
        {
            _progress.Sink = null;
        }
    });

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Guard(() => _controller.DownAsync(keepState: false, cancellationToken));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var member in _degraded.Keys.ToList())
        {
            await StopDegradingAsync(member); // never leave a host degraded behind
        }

        await _status.DisposeAsync();
        _progress.Dispose();
    }

    /// <summary>Runs the starvation in the background until lifted; a failure to start it (no CPU controller) is thrown here.</summary>
    private void StartDegrading(string member)
    {
        var stop = new CancellationTokenSource();
        var running = _controller.DegradeMemberAsync(member, new CpuStarvation(), stop.Token);
        if (running.IsFaulted)
        {
            stop.Dispose();
            running.GetAwaiter().GetResult(); // throws the one-line reason
        }

        _degraded[member] = (stop, running);
    }

    private async Task StopDegradingAsync(string member)
    {
        if (!_degraded.Remove(member, out var degraded))
        {
            return;
        }

        await degraded.Stop.CancelAsync();
        try
        {
            await degraded.Running;
        }
        finally
        {
            degraded.Stop.Dispose();
        }
    }

    private static async Task Guard(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is LocalClusterException or IOException or InvalidOperationException or Npgsql.NpgsqlException or HttpRequestException)
        {
            throw new PlatformException(e.Message, e);
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is LocalClusterException or IOException or InvalidOperationException or Npgsql.NpgsqlException or HttpRequestException)
        {
            throw new PlatformException(e.Message, e);
        }
    }
}
