using System.CommandLine;
using System.Net;
using Resilience.HealthProbes.Cli;
using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.Cli;

/// <summary>Options from the command line and the environment; defaults from the stack; the password only from env or a 0600 file.</summary>
public sealed class OptionsReaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "healthprobes-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _stack;
    private readonly string _state;

    public OptionsReaderTests()
    {
        _stack = TestStacks.Write(_directory, "relations: [public.orders]\nminWarmSeconds: 4");
        _state = Path.Combine(_directory, "state");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_contract_options_are_read()
    {
        var (options, stack, group) = Read(
            "--stack-file", _stack, "--group", "readers", "--pg-host", "127.0.0.1", "--pg-port", "25401", "--pg-database", "app",
            "--pg-user", "app", "--listen", "127.0.0.1:25601", "--state-dir", _state, "--patroni-url", "http://127.0.0.1:25501",
            "--probe-timeout-ms", "800");

        Assert.Equal("test", stack.StackName);
        Assert.Equal(["public.orders"], group.Warmup.Relations!);
        Assert.Equal(4, group.Warmup.MinWarmSeconds);
        Assert.Equal(25401, options.PgPort);
        Assert.Equal("app", options.PgDatabase);
        Assert.Equal("app", options.PgUser);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 25601), options.Listen);
        Assert.Equal(new Uri("http://127.0.0.1:25501/"), options.PatroniUrl);
        Assert.Equal(TimeSpan.FromMilliseconds(800), options.ProbeTimeout);
        Assert.True(Directory.Exists(_state));
    }

    [Fact]
    public void Database_and_user_default_to_the_stack_and_the_rest_to_the_constants()
    {
        var (options, _, _) = Read("--stack-file", _stack, "--group", "readers", "--state-dir", _state);

        Assert.Equal("shop", options.PgDatabase);
        Assert.Equal("shopadmin", options.PgUser);
        Assert.Equal("127.0.0.1", options.PgHost);
        Assert.Equal(5432, options.PgPort);
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:8098"), options.Listen);
        Assert.Null(options.PgPassword);
        Assert.Null(options.PatroniUrl);
    }

    [Fact]
    public void Options_absent_from_the_command_line_come_from_the_environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["HEALTHPROBES_STACK_FILE"] = _stack,
            ["HEALTHPROBES_GROUP"] = "readers",
            ["HEALTHPROBES_STATE_DIR"] = _state,
            ["HEALTHPROBES_PG_PORT"] = "25411",
            ["HEALTHPROBES_LISTEN"] = "127.0.0.1:25611",
        };

        var (options, _, _) = Read(environment, "--pg-port", "25412");

        Assert.Equal(25412, options.PgPort);
        Assert.Equal(25611, options.Listen.Port);
    }

    [Fact]
    public void The_password_comes_from_the_environment_or_a_0600_file_which_wins()
    {
        var environment = new Dictionary<string, string> { ["RESILIENCE_PGPASSWORD"] = "from-env" };
        Assert.Equal("from-env", Read(environment, "--stack-file", _stack, "--group", "readers", "--state-dir", _state).Options.PgPassword);

        var file = Path.Combine(_directory, "pw");
        File.WriteAllText(file, "from-file\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("from-file", Read(environment, "--stack-file", _stack, "--group", "readers", "--state-dir", _state, "--pg-password-file", file).Options.PgPassword);
    }

    [Theory]
    [InlineData("--pg-port", "0", "--pg-port must be a port number 1..65535, got '0'")]
    [InlineData("--pg-port", "54x", "--pg-port must be a port number 1..65535, got '54x'")]
    [InlineData("--listen", "8098", "--listen must be address:port, e.g. 127.0.0.1:8098, got '8098'")]
    [InlineData("--listen", "example.com:80", "--listen must be address:port, e.g. 127.0.0.1:8098, got 'example.com:80'")]
    [InlineData("--patroni-url", "127.0.0.1:8008", "--patroni-url must be an http(s) URL, e.g. http://127.0.0.1:8008, got '127.0.0.1:8008'")]
    [InlineData("--probe-timeout-ms", "10", "--probe-timeout-ms must be a whole number of milliseconds 50..60000, got '10'")]
    [InlineData("--poll-interval-ms", "1000", "--poll-interval-ms (1000) must be less than --probe-timeout-ms (1000)")]
    [InlineData("--group", "writers", "--group: no replica group 'writers' in Pulumi.test.yaml; groups: readers")]
    [InlineData("--data-dir", "/nonexistent/data", "--data-dir: no such directory '/nonexistent/data'")]
    [InlineData("--log-level", "loud", "--log-level must be trace, debug, information, warning or error, got 'loud'")]
    public void A_bad_value_is_named_with_what_was_given(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--stack-file"] = _stack, ["--group"] = "readers", ["--state-dir"] = _state, [option] = value }
            .SelectMany(pair => new[] { pair.Key, pair.Value }).ToArray();

        var error = Assert.Throws<UsageException>(() =>
        {
            var reader = Reader(new Dictionary<string, string>(), args);
            reader.ReadService();
            reader.ReadLogLevel();
        });

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_value_from_the_environment_is_blamed_on_the_variable()
    {
        var environment = new Dictionary<string, string> { ["HEALTHPROBES_PG_PORT"] = "x" };

        var error = Assert.Throws<UsageException>(() => Read(environment, "--stack-file", _stack, "--group", "readers", "--state-dir", _state));

        Assert.Equal("HEALTHPROBES_PG_PORT must be a port number 1..65535, got 'x'", error.Message);
    }

    [Fact]
    public void Required_options_say_so() =>
        Assert.Equal(
            "--state-dir is required (or HEALTHPROBES_STATE_DIR)",
            Assert.Throws<UsageException>(() => Read("--stack-file", _stack, "--group", "readers")).Message);

    [Fact]
    public void A_password_file_others_can_read_is_refused()
    {
        var file = Path.Combine(_directory, "pw");
        File.WriteAllText(file, "secret\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Assert.Throws<UsageException>(() => Read("--stack-file", _stack, "--group", "readers", "--state-dir", _state, "--pg-password-file", file));

        Assert.Equal($"--pg-password-file: '{file}' must be readable by its owner only (chmod 600), has mode 640", error.Message);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_haproxy_server_a_closing_gate_takes_out_is_read_with_its_admin_socket()
    {
        var (options, _, _) = Read(
            "--stack-file", _stack, "--group", "readers", "--state-dir", _state, "--haproxy-socket", "/var/tmp/s/haproxy/admin.sock", "--haproxy-server", "be_read/s3");

        Assert.Equal(new Resilience.HealthProbes.Routing.HaproxyServerAddress("/var/tmp/s/haproxy/admin.sock", "be_read", "s3"), options.HaproxyServer);
        Assert.Null(Read("--stack-file", _stack, "--group", "readers", "--state-dir", _state).Options.HaproxyServer);
    }

    [Theory]
    [InlineData("--haproxy-server", "be_read/s3", "--haproxy-server needs --haproxy-socket too (HAProxy's admin socket)")]
    [InlineData("--haproxy-socket", "/run/admin.sock", "--haproxy-socket needs --haproxy-server too (backend/server, e.g. be_read/s3)")]
    public void The_haproxy_options_come_together(string option, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => Read("--stack-file", _stack, "--group", "readers", "--state-dir", _state, option, value));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("be_read/s3/x")]
    [InlineData("be read/s3")]
    public void A_haproxy_server_not_of_the_form_backend_slash_server_is_refused(string server)
    {
        var error = Assert.Throws<UsageException>(() => Read(
            "--stack-file", _stack, "--group", "readers", "--state-dir", _state, "--haproxy-socket", "/run/admin.sock", "--haproxy-server", server));

        Assert.Equal($"--haproxy-server must be backend/server, e.g. be_read/s3, got '{server}'", error.Message);
    }

    private (HealthProbesOptions Options, Topology.StackSpec Stack, Topology.ReplicaGroupSpec Group) Read(params string[] args) =>
        Read(new Dictionary<string, string>(), args);

    private static (HealthProbesOptions Options, Topology.StackSpec Stack, Topology.ReplicaGroupSpec Group) Read(Dictionary<string, string> environment, params string[] args) =>
        Reader(environment, args).ReadService();

    private static OptionsReader Reader(Dictionary<string, string> environment, string[] args)
    {
        var cli = new CliOptions();
        var root = new RootCommand();
        foreach (var option in cli.Service)
        {
            root.Add(option);
        }

        return new OptionsReader(cli, new OptionValues(root.Parse(args), name => environment.GetValueOrDefault(name)));
    }
}
