using Resilience.Topology.Options;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Load;

/// <summary>
/// The suite's own load generator for primary-overload: connections that each run CPU-heavy queries back
/// to back, spread over <see cref="LoadGeneratorOptions.ClientAddresses"/> loopback source addresses
/// through <see cref="SourceAddressRelay"/>s. The connection count is raised by the scenario's ramp.
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    private readonly DatabaseAccess _access;
    private readonly LoadGeneratorOptions _options;
    private readonly List<SourceAddressRelay> _writeRelays = [];
    private readonly List<SourceAddressRelay> _readRelays = [];
    private readonly List<(Task Task, CancellationTokenSource Stop)> _workers = [];
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Creates the generator; <see cref="StartAsync"/> opens the relays.</summary>
    public LoadGenerator(DatabaseAccess access, LoadGeneratorOptions options)
    {
        _access = access ?? throw new ArgumentNullException(nameof(access));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        OptionsValidator.Validate(options);
    }

    /// <summary>What the load did.</summary>
    public LoadCounters Counters { get; } = new();

    /// <summary>The source addresses in use.</summary>
    public IReadOnlyList<IPAddress> SourceAddresses => [.. _writeRelays.Select(r => r.Source)];

    /// <summary>Distinct source addresses that carried at least one connection.</summary>
    public int SourceAddressesUsed => _writeRelays.Concat(_readRelays).Where(r => r.Relayed > 0).Select(r => r.Source).Distinct().Count();

    /// <summary>Connections the relays opened to the endpoints, from all addresses.</summary>
    public long RelayedConnections => _writeRelays.Concat(_readRelays).Sum(r => r.Relayed);

    /// <summary>Resolves the endpoints and starts one relay per source address and endpoint.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var write = await ResolveAsync(_access.Write, cancellationToken);
        var read = await ResolveAsync(_access.Read, cancellationToken);
        for (var i = 0; i < _options.ClientAddresses; i++)
        {
            var source = new IPAddress([127, 0, (byte)((LoadGeneratorConstants.FirstAddress + i) / 256), (byte)((LoadGeneratorConstants.FirstAddress + i) % 256)]);
            _writeRelays.Add(new SourceAddressRelay(source, write));
            _readRelays.Add(new SourceAddressRelay(source, read));
        }

        foreach (var relay in _writeRelays.Concat(_readRelays))
        {
            relay.Start();
        }
    }

    /// <summary>Opens or closes connections until <paramref name="connections"/> run.</summary>
    public void SetConnections(int connections)
    {
        while (_workers.Count < connections)
        {
            var index = _workers.Count;
            var toReader = _options.ReadShare > 0 && (index + 1) % Math.Max(1, (int)Math.Round(1 / _options.ReadShare)) == 0;
            var relays = toReader ? _readRelays : _writeRelays;
            var relay = relays[index % relays.Count];
            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _workers.Add((Task.Run(() => WorkAsync(relay, stop.Token)), stop));
        }

        while (_workers.Count > connections)
        {
            var last = _workers[^1];
            last.Stop.Cancel();
            _workers.RemoveAt(_workers.Count - 1);
            _ = last.Task.ContinueWith(_ => last.Stop.Dispose(), TaskScheduler.Default);
        }
    }

    /// <summary>The connections asked for.</summary>
    public int TargetConnections => _workers.Count;

    /// <summary>Stops every connection and relay.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers.Select(w => w.Task));
        foreach (var (_, stop) in _workers)
        {
            stop.Dispose();
        }

        _workers.Clear();
        foreach (var relay in _writeRelays.Concat(_readRelays))
        {
            await relay.DisposeAsync();
        }

        _stop.Dispose();
    }

    private static async Task<IPEndPoint> ResolveAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(endpoint.Host, out var address))
        {
            return new IPEndPoint(address, endpoint.Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, AddressFamily.InterNetwork, cancellationToken);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], endpoint.Port)
            : throw new PlatformException($"cannot resolve {endpoint.Host}");
    }

    private async Task WorkAsync(SourceAddressRelay relay, CancellationToken stop)
    {
        var builder = _access.ConnectionString(new DatabaseEndpoint(relay.ListenEndpoint.Address.ToString(), relay.ListenEndpoint.Port));
        builder.Pooling = false;
        builder.ApplicationName = LoadGeneratorConstants.ApplicationName;
        builder.Timeout = 5;
        builder.CancellationTimeout = -1;
        var sql = $"SELECT count(*) FROM generate_series(1, {_options.RowsPerQuery})";
        await using var source = _access.CreateDataSource(builder);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await source.OpenConnectionAsync(stop);
                Counters.Opened();
                try
                {
                    await using var command = new NpgsqlCommand(sql, connection);
                    while (!stop.IsCancellationRequested)
                    {
                        await command.ExecuteScalarAsync(stop);
                        Counters.Query();
                    }
                }
                finally
                {
                    Counters.Closed();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (PostgresException e) when (e.SqlState is "53300" or "57P03")
            {
                Counters.Rejected();
                await BackOffAsync(stop);
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException or InvalidOperationException)
            {
                Counters.Failure();
                await BackOffAsync(stop);
            }
        }
    }

    private static async Task BackOffAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
