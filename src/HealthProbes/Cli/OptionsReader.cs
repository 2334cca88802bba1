using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Internal;
using Resilience.Topology;

namespace Resilience.HealthProbes.Cli;

/// <summary>Turns raw option values into validated <see cref="HealthProbesOptions"/>; every error names the bad value and its origin.</summary>
internal sealed class OptionsReader
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly CliOptions _o;
    private readonly OptionValues _values;

    public OptionsReader(CliOptions options, OptionValues values)
    {
        _o = options;
        _values = values;
    }

    /// <summary>The options of the service, the stack they refer to and the member's replica group.</summary>
    /// <exception cref="UsageException">A value is missing or invalid.</exception>
    /// <exception cref="StackFileException">The stack file cannot be used.</exception>
    public (HealthProbesOptions Options, StackSpec Stack, ReplicaGroupSpec Group) ReadService()
    {
        var (stack, group) = ReadStack();
        var probeTimeout = Milliseconds(_o.ProbeTimeoutMs, HealthProbesConstants.ProbeTimeoutMs, 50, 60_000);
        var pollInterval = Milliseconds(_o.PollIntervalMs, HealthProbesConstants.PollIntervalMs, 20, 60_000);
        if (pollInterval >= probeTimeout)
        {
            throw new UsageException($"{_values.Get(_o.PollIntervalMs).Origin} ({pollInterval.TotalMilliseconds:0}) must be less than {_values.Get(_o.ProbeTimeoutMs).Origin} ({probeTimeout.TotalMilliseconds:0})");
        }

        var stateDir = Required(_o.StateDir);
        try
        {
            Directory.CreateDirectory(stateDir.Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{stateDir.Origin}: cannot create '{stateDir.Value}': {e.Message}");
        }

        var options = new HealthProbesOptions
        {
            StackFile = stack.File,
            Group = group.Name,
            PgHost = Host(),
            PgPort = Port(_o.PgPort, HealthProbesConstants.PgPort),
            PgDatabase = _values.Get(_o.PgDatabase).Value ?? stack.Spec.Database.DatabaseName,
            PgUser = _values.Get(_o.PgUser).Value ?? stack.Spec.Database.MasterUsername,
            PgPassword = Password(),
            Listen = ListenAddress(),
            StateDir = Path.GetFullPath(stateDir.Value),
            PatroniUrl = Patroni(),
            ProbeTimeout = probeTimeout,
            PollInterval = pollInterval,
            HaproxyServer = Haproxy(),
            DataDirectory = DataDirectory(),
        };
        return (options, stack.Spec, group);
    }

    /// <summary>The options the benchmark needs: the database and the policy; no state directory, no listener.</summary>
    public (HealthProbesOptions Options, StackSpec Stack, ReplicaGroupSpec Group) ReadConnection()
    {
        var (stack, group) = ReadStack();
        var options = new HealthProbesOptions
        {
            StackFile = stack.File,
            Group = group.Name,
            PgHost = Host(),
            PgPort = Port(_o.PgPort, HealthProbesConstants.PgPort),
            PgDatabase = _values.Get(_o.PgDatabase).Value ?? stack.Spec.Database.DatabaseName,
            PgUser = _values.Get(_o.PgUser).Value ?? stack.Spec.Database.MasterUsername,
            PgPassword = Password(),
            StateDir = Path.GetTempPath(),
            DataDirectory = DataDirectory(),
        };
        return (options, stack.Spec, group);
    }

    /// <summary>The settings of the gate controller (<c>healthprobes gate</c>).</summary>
    /// <exception cref="UsageException">A value is missing or invalid.</exception>
    /// <exception cref="StackFileException">The stack file cannot be used.</exception>
    public GateController.GateSettings ReadGate()
    {
        var file = Required(_o.StackFile);
        var spec = StackSpecLoader.Load(file.Value);
        if (spec.Platform == Platform.Local)
        {
            throw new UsageException($"{Path.GetFileName(file.Value)} is a local stack: there HealthProbes runs beside every member and HAProxy reads /health/ready; the gate controller is for aws and kubernetes stacks");
        }

        var (cellsText, cellsOrigin) = _values.Get(_o.Cells);
        var cells = spec.Cells;
        if (cellsText is not null)
        {
            var names = cellsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.Where(n => spec.Cells.All(c => c.Name != n)).ToList();
            cells = unknown.Count > 0 || names.Length == 0
                ? throw new UsageException($"{cellsOrigin}: no cell {string.Join(", ", unknown.DefaultIfEmpty("(empty)"))} in {Path.GetFileName(file.Value)}; cells: {string.Join(", ", spec.Cells.Select(c => c.Name))}")
                : [.. spec.Cells.Where(c => names.Contains(c.Name))];
        }

        var probeTimeout = Milliseconds(_o.ProbeTimeoutMs, GateController.GateControllerConstants.ProbeTimeoutMs, 50, 60_000);
        var pollInterval = Milliseconds(_o.PollIntervalMs, GateController.GateControllerConstants.PollIntervalMs, 20, 60_000);
        var controlPlane = Milliseconds(_o.ControlPlaneIntervalMs, GateController.GateControllerConstants.ControlPlaneIntervalMs, 100, 600_000);
        var stateDir = Required(_o.StateDir);
        try
        {
            Directory.CreateDirectory(stateDir.Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{stateDir.Origin}: cannot create '{stateDir.Value}': {e.Message}");
        }

        var iam = Flag(_o.IamAuth);
        if (iam && spec.Platform != Platform.Aws)
        {
            throw new UsageException($"{_values.Get(_o.IamAuth).Origin}: IAM database auth is for aws stacks; {Path.GetFileName(file.Value)} is a {spec.Platform.ToString().ToLowerInvariant()} stack");
        }

        var password = Password();
        var (endpointText, endpointOrigin) = _values.Get(_o.AwsEndpointUrl);
        Uri? endpoint = endpointText is null ? null
            : Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
            : throw new UsageException($"{endpointOrigin} must be an http(s) URL, got '{endpointText}'");
        var tls = Tls(spec.Platform == Platform.Aws);
        var login = new GateController.ReaderLogin(
            _values.Get(_o.PgDatabase).Value ?? spec.Database.DatabaseName,
            _values.Get(_o.PgUser).Value ?? spec.Database.MasterUsername,
            iam ? null : password,
            tls);
        var controller = new GateController.GateControllerOptions
        {
            StateDir = Path.GetFullPath(stateDir.Value),
            PollInterval = pollInterval,
            ProbeTimeout = probeTimeout,
            ControlPlaneInterval = controlPlane,
        };
        return new GateController.GateSettings(Path.GetFullPath(file.Value), spec, cells, login, iam, tls is { RequireTls: true, RootCertificate: null }, ListenAddress(), endpoint, controller);
    }

    /// <summary>The settings of <c>healthprobes gate-role</c>: the writer, the master login, TLS, the warm-up's databases.</summary>
    /// <exception cref="UsageException">A value is missing or invalid.</exception>
    /// <exception cref="StackFileException">The stack file cannot be used.</exception>
    public GateController.GateRoleSettings ReadGateRole()
    {
        var file = Required(_o.StackFile);
        var spec = StackSpecLoader.Load(file.Value);
        if (spec.Platform != Platform.Aws)
        {
            throw new UsageException($"{Path.GetFileName(file.Value)} is a {spec.Platform.ToString().ToLowerInvariant()} stack: gate-role creates the gate's role on Aurora; on kubernetes the Cluster declares it (managed roles)");
        }

        var host = Required(_o.PgHost);
        var (passwordFile, passwordOrigin) = _values.Get(_o.PgPasswordFile);
        if (passwordFile is null)
        {
            throw new UsageException($"{_o.PgPasswordFile.Name} is required: a 0600 file with the master password, or the Secrets Manager secret's JSON (aws secretsmanager get-secret-value --query SecretString --output text)");
        }

        var secret = Password()!;
        string? user = null;
        if (secret.TrimStart().StartsWith('{'))
        {
            (user, secret) = MasterSecret(secret, passwordOrigin, passwordFile);
        }

        var databases = spec.ReplicaGroups.SelectMany(g => g.Warmup.Databases).Distinct(StringComparer.Ordinal).ToList();
        return new GateController.GateRoleSettings(
            host.Value.Trim(),
            Port(_o.PgPort, HealthProbesConstants.PgPort),
            _values.Get(_o.PgDatabase).Value ?? spec.Database.DatabaseName,
            _values.Get(_o.PgUser).Value ?? user ?? spec.Database.MasterUsername,
            secret,
            Tls(aurora: true),
            databases);
    }

    public LogLevel ReadLogLevel()
    {
        var (value, origin) = _values.Get(_o.LogLevel);
        return value is null ? LogLevel.Information
            : Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) && level is >= LogLevel.Trace and <= LogLevel.Critical ? level
            : throw new UsageException($"{origin} must be trace, debug, information, warning or error, got '{value}'");
    }

    private ((string File, StackSpec Spec) Stack, ReplicaGroupSpec Group) ReadStack()
    {
        var file = Required(_o.StackFile);
        var groupName = Required(_o.Group);
        var spec = StackSpecLoader.Load(file.Value);
        var group = spec.FindGroup(groupName.Value)
            ?? throw new UsageException($"{groupName.Origin}: no replica group '{groupName.Value}' in {Path.GetFileName(file.Value)}; groups: {string.Join(", ", spec.ReplicaGroups.Select(g => g.Name))}");
        return ((Path.GetFullPath(file.Value), spec), group);
    }

    private (string Value, string Origin) Required(Option<string> option)
    {
        var (value, origin) = _values.Get(option);
        return string.IsNullOrWhiteSpace(value)
            ? throw new UsageException($"{option.Name} is required (or {OptionValues.EnvironmentName(option)})")
            : (value, origin);
    }

    private string Host()
    {
        var (value, origin) = _values.Get(_o.PgHost);
        return value is null ? HealthProbesConstants.PgHost
            : string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{origin} must not be empty") : value.Trim();
    }

    private int Port(Option<string> option, int fallback)
    {
        var (value, origin) = _values.Get(option);
        return value is null ? fallback
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port
            : throw new UsageException($"{origin} must be a port number 1..65535, got '{value}'");
    }

    private TimeSpan Milliseconds(Option<string> option, int fallback, int min, int max)
    {
        var (value, origin) = _values.Get(option);
        return value is null ? TimeSpan.FromMilliseconds(fallback)
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms >= min && ms <= max ? TimeSpan.FromMilliseconds(ms)
            : throw new UsageException($"{origin} must be a whole number of milliseconds {min}..{max}, got '{value}'");
    }

    private IPEndPoint ListenAddress()
    {
        var (value, origin) = _values.Get(_o.Listen);
        value ??= HealthProbesConstants.Listen;
        var separator = value.LastIndexOf(':');
        var host = separator > 0 ? value[..separator].Trim('[', ']') : "";
        var portText = separator > 0 ? value[(separator + 1)..] : "";
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        return address is not null && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? new IPEndPoint(address, port)
            : throw new UsageException($"{origin} must be address:port, e.g. 127.0.0.1:8098, got '{value}'");
    }

    private Uri? Patroni()
    {
        var (value, origin) = _values.Get(_o.PatroniUrl);
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"{origin} must be an http(s) URL, e.g. http://127.0.0.1:8008, got '{value}'");
        }

        // Relative "cluster" must resolve below the given path.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>Both <c>--haproxy-socket</c> and <c>--haproxy-server</c>, or neither.</summary>
    private Routing.HaproxyServerAddress? Haproxy()
    {
        var (socket, socketOrigin) = _values.Get(_o.HaproxySocket);
        var (server, serverOrigin) = _values.Get(_o.HaproxyServer);
        if (socket is null && server is null)
        {
            return null;
        }

        if (socket is null || server is null)
        {
            throw new UsageException(socket is null
                ? $"{serverOrigin} needs --haproxy-socket too (HAProxy's admin socket)"
                : $"{socketOrigin} needs --haproxy-server too (backend/server, e.g. be_read/s3)");
        }

        return Routing.HaproxyServerAddress.TryParse(Path.GetFullPath(socket), server)
            ?? throw new UsageException($"{serverOrigin} must be backend/server, e.g. be_read/s3, got '{server}'");
    }

    // Secrets Manager's secret of an Aurora master password (manageMasterUserPassword): {"username": ..., "password": ...}.
    private static (string? User, string Password) MasterSecret(string json, string origin, string file)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            var user = root.TryGetProperty("username", out var u) && u.ValueKind == System.Text.Json.JsonValueKind.String ? u.GetString() : null;
            return root.TryGetProperty("password", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String && p.GetString() is { Length: > 0 } password
                ? (user, password)
                : throw new UsageException($"{origin}: '{file}' is JSON without a \"password\" string: give the secret's SecretString or the password alone");
        }
        catch (System.Text.Json.JsonException)
        {
            throw new UsageException($"{origin}: '{file}' starts like JSON but is not: give the secret's SecretString (one line) or the password alone");
        }
    }

    /// <summary>
    /// TLS to the database. Aurora: always, verified (verify-full) against the CA bundle of <c>--pg-ca-file</c>, and only
    /// <c>--insecure-skip-tls-verify true</c> drops the verification; elsewhere verified when a CA bundle is given.
    /// </summary>
    private PgSecurity? Tls(bool aurora)
    {
        var caFile = ExistingFile(_o.PgCaFile);
        var insecure = Flag(_o.InsecureSkipTlsVerify);
        if (caFile is not null && insecure)
        {
            throw new UsageException($"{_values.Get(_o.PgCaFile).Origin} and {_values.Get(_o.InsecureSkipTlsVerify).Origin} true contradict each other: give one");
        }

        if (!aurora)
        {
            return caFile is null ? null : new PgSecurity(null, RequireTls: true, caFile);
        }

        return caFile is null && !insecure
            ? throw new UsageException($"aws stacks verify the database's TLS certificate: give {_o.PgCaFile.Name} <the RDS CA bundle> (the image has {GateController.GateControllerConstants.RdsCaBundle}), or {_o.InsecureSkipTlsVerify.Name} true to connect without verifying it")
            : new PgSecurity(null, RequireTls: true, caFile);
    }

    private bool Flag(Option<string> option)
    {
        var (text, origin) = _values.Get(option);
        return text is null ? false
            : bool.TryParse(text, out var parsed) ? parsed
            : throw new UsageException($"{origin} must be true or false, got '{text}'");
    }

    private string? ExistingFile(Option<string> option)
    {
        var (value, origin) = _values.Get(option);
        return value is null ? null
            : File.Exists(value) ? Path.GetFullPath(value)
            : throw new UsageException($"{origin}: no such file '{value}'");
    }

    private string? DataDirectory()
    {
        var (value, origin) = _values.Get(_o.DataDir);
        return value is null ? null
            : Directory.Exists(value) ? Path.GetFullPath(value)
            : throw new UsageException($"{origin}: no such directory '{value}'");
    }

    /// <summary>From the 0600 file when given, else the environment variable; never from the command line itself.</summary>
    private string? Password()
    {
        var (file, origin) = _values.Get(_o.PgPasswordFile);
        if (file is null)
        {
            return _values.Environment(HealthProbesConstants.PasswordEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        }

        if (!File.Exists(file))
        {
            throw new UsageException($"{origin}: no such file '{file}'");
        }

        var mode = File.GetUnixFileMode(file);
        if ((mode & GroupOrOther) != 0)
        {
            throw new UsageException($"{origin}: '{file}' must be readable by its owner only (chmod 600), has mode {Convert.ToString((int)mode, 8)}");
        }

        try
        {
            using var reader = new StreamReader(file);
            var password = reader.ReadLine();
            return string.IsNullOrEmpty(password) ? throw new UsageException($"{origin}: '{file}' is empty") : password;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{origin}: cannot read '{file}': {e.Message}");
        }
    }
}
