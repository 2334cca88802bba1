using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Resilience.AwsStandIn;
using Resilience.LocalCluster;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>
/// A stand-in Aurora cluster whose instances are a real local cluster's members: each instance is one
/// member's PostgreSQL port and answers <c>aurora_db_instance_identifier()</c> with its stand-in name;
/// a reboot restarts that member's PostgreSQL through Patroni (<c>POST /restart</c>), a failover is a
/// Patroni switchover to the target; and, in the gate controller's place, the warm-readers endpoint's
/// static members follow the members' warm-up gates (HealthProbes' <c>/health/ready</c>) and the instances' status.
/// </summary>
internal sealed class LocalClusterAurora : IStandInDatabase, IAsyncDisposable
{
    private static readonly TimeSpan ActionDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan GatePoll = TimeSpan.FromMilliseconds(250);
    private readonly LocalClusterController _cluster;
    private readonly AuroraStandIn _standIn;
    private readonly StandInCluster _aurora;
    private readonly IReadOnlyDictionary<string, string> _members;
    private readonly HttpClient _patroni;
    private readonly CancellationTokenSource _stop = new();
    private Task _gateController = Task.CompletedTask;

    private LocalClusterAurora(LocalClusterController cluster, AuroraStandIn standIn, StandInCluster aurora, IReadOnlyDictionary<string, string> members, string restApiPassword)
    {
        _cluster = cluster;
        _standIn = standIn;
        _aurora = aurora;
        _members = members;
        _patroni = new HttpClient { Timeout = ActionDeadline };
        _patroni.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("patroni:" + restApiPassword)));
    }

    /// <summary>Instance names to the members that realize them.</summary>
    public IReadOnlyDictionary<string, string> Members => _members;

    /// <summary>
    /// Maps the stand-in's writer to the running primary and its readers, in order, to the replicas (the first
    /// reader, Aurora's tier-0 failover target, to a synchronous standby), installs the identity function, and
    /// starts the gate controller. The stand-in's instances then lead to the members' PostgreSQL ports.
    /// </summary>
    public static async Task<LocalClusterAurora> ConnectAsync(LocalClusterController cluster, AuroraStandIn standIn, StandInCluster aurora, CancellationToken cancellationToken)
    {
        var status = await cluster.GetStatusAsync(cancellationToken);
        var primary = status.Primary ?? throw new InvalidOperationException("the local cluster has no running primary");
        var replicas = status.Members.Where(m => m.Role == MemberRole.Replica).OrderByDescending(m => m.IsSynchronous).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        var locals = new[] { primary }.Concat(replicas).ToList();
        if (locals.Count != aurora.Instances.Count)
        {
            throw new InvalidOperationException($"the local cluster has {locals.Count} members, the stand-in cluster {aurora.Instances.Count} instances");
        }

        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (standIn.Gate)
        {
            for (var i = 0; i < locals.Count; i++)
            {
                var instance = aurora.Instances[i];
                instance.Port = locals[i].Ports.Postgres;
                instance.IsWriter = locals[i] == primary;
                members[instance.Id] = locals[i].Name;
            }
        }

        var password = await File.ReadAllTextAsync(Path.Combine(cluster.StateDir, "secrets", "patroni-api.password"), cancellationToken);
        var connected = new LocalClusterAurora(cluster, standIn, aurora, members, password.Trim());
        try
        {
            await connected.InstallIdentityAsync(cancellationToken);
            connected._gateController = Task.Run(() => connected.ControlGatesAsync(connected._stop.Token), CancellationToken.None);
            return connected;
        }
        catch
        {
            await connected.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection to one instance (its member's PostgreSQL), as the application user.</summary>
    public NpgsqlDataSource Direct(string instanceIdentifier)
    {
        int port;
        lock (_standIn.Gate)
        {
            port = _aurora.Instances.Single(i => i.Id == instanceIdentifier).Port;
        }

        return NpgsqlDataSource.Create(_cluster.GetCredentials().ConnectionString(new EndpointAddress("127.0.0.1", port)) + ";Timeout=3;Command Timeout=3;Pooling=false");
    }

    /// <inheritdoc />
    public async Task RebootAsync(string instanceIdentifier, CancellationToken cancellationToken)
    {
        var member = await MemberAsync(instanceIdentifier, cancellationToken);
        var before = await PostmasterStartAsync(instanceIdentifier, cancellationToken);
        await PostAsync(member.Ports.Patroni, "/restart", "{}", cancellationToken);
        await UntilAsync($"{instanceIdentifier} ({member.Name}) restarted", async () =>
            await PostmasterStartAsync(instanceIdentifier, cancellationToken) is { } after && after != before, cancellationToken);
    }

    /// <inheritdoc />
    public async Task FailOverAsync(string clusterIdentifier, string targetInstanceIdentifier, CancellationToken cancellationToken)
    {
        var status = await _cluster.GetStatusAsync(cancellationToken);
        var leader = status.Primary ?? throw new InvalidOperationException("no running primary to fail over from");
        var candidate = _members[targetInstanceIdentifier];
        var body = string.Create(CultureInfo.InvariantCulture, $$"""{"leader":"{{leader.Name}}","candidate":"{{candidate}}"}""");
        await PostAsync(leader.Ports.Patroni, "/switchover", body, cancellationToken);
        await UntilAsync($"{targetInstanceIdentifier} ({candidate}) accepts writes", async () =>
        {
            await using var source = Direct(targetInstanceIdentifier);
            await using var command = source.CreateCommand("select not pg_is_in_recovery()");
            return await Quietly(() => command.ExecuteScalarAsync(cancellationToken)) is true;
        }, cancellationToken);
    }

    /// <summary>pg_postmaster_start_time() of an instance, or null while it does not answer.</summary>
    public async Task<string?> PostmasterStartAsync(string instanceIdentifier, CancellationToken cancellationToken)
    {
        await using var source = Direct(instanceIdentifier);
        await using var command = source.CreateCommand("select pg_postmaster_start_time()::text");
        return await Quietly(() => command.ExecuteScalarAsync(cancellationToken)) as string;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _gateController;
        _patroni.Dispose();
        _stop.Dispose();
    }

    // Aurora's identity function, answered by each member for the instance it plays: a table of ports (written
    // on the primary, replicated) read with inet_server_port(), which differs per member.
    private async Task InstallIdentityAsync(CancellationToken cancellationToken)
    {
        var writer = _aurora.Instances.Single(i => i.IsWriter).Id;
        await using (var source = Direct(writer))
        {
            var rows = string.Join(", ", _aurora.Instances.Select(i => string.Create(CultureInfo.InvariantCulture, $"({i.Port}, '{i.Id}')")));
            await using var command = source.CreateCommand(
                "create table if not exists aurora_standin_instance (port int primary key, identifier text not null);" +
                $"insert into aurora_standin_instance values {rows} on conflict (port) do update set identifier = excluded.identifier;" +
                "create or replace function aurora_db_instance_identifier() returns text language sql stable as $$ select identifier from aurora_standin_instance where port = inet_server_port() $$;");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var instance in _aurora.Instances)
        {
            await UntilAsync($"{instance.Id} answers aurora_db_instance_identifier()", async () =>
            {
                await using var source = Direct(instance.Id);
                await using var command = source.CreateCommand("select aurora_db_instance_identifier()");
                return await Quietly(() => command.ExecuteScalarAsync(cancellationToken)) as string == instance.Id;
            }, cancellationToken);
        }
    }

    // The gate controller's job on AWS (ModifyDBClusterEndpoint): the warm-readers endpoint holds the readers whose gate is open.
    private async Task ControlGatesAsync(CancellationToken cancellationToken)
    {
        var names = _members.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var status = await _cluster.GetStatusAsync(cancellationToken);
                var warm = status.Members
                    .Where(m => m is { Role: MemberRole.Replica, State: MemberState.Running, GateOpen: true } && names.ContainsKey(m.Name))
                    .Select(m => names[m.Name]).Order(StringComparer.Ordinal).ToList();
                lock (_standIn.Gate)
                {
                    // A rebooting instance's probe does not answer: its gate counts as closed, whatever its PostgreSQL does.
                    warm.RemoveAll(id => _aurora.Instances.Single(i => i.Id == id).Status != "available");
                    var endpoint = _aurora.Endpoints.Single(e => e.Type == "CUSTOM");
                    if (!endpoint.StaticMembers.SequenceEqual(warm))
                    {
                        endpoint.StaticMembers.Clear();
                        endpoint.StaticMembers.AddRange(warm);
                    }
                }

                await Task.Delay(GatePoll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is LocalClusterException or IOException or HttpRequestException)
            {
                // A status read failed mid-restart; the next one decides.
            }
        }
    }

    private async Task<MemberStatus> MemberAsync(string instanceIdentifier, CancellationToken cancellationToken) =>
        (await _cluster.GetStatusAsync(cancellationToken)).FindMember(_members[instanceIdentifier])
        ?? throw new InvalidOperationException($"member {_members[instanceIdentifier]} of {instanceIdentifier} is gone");

    private async Task PostAsync(int port, string path, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _patroni.PostAsync(new Uri($"http://127.0.0.1:{port}{path}"), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Patroni {path} on port {port}: {(int)response.StatusCode} {text}");
        }
    }

    private static async Task UntilAsync(string what, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ActionDeadline);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{what}: not within {ActionDeadline.TotalSeconds:0} s");
            }
        }
    }

    private static async Task<object?> Quietly(Func<Task<object?>> query)
    {
        try
        {
            return await query();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }
}
