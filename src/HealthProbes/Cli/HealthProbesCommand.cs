using Resilience.Topology.Options;
using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Bench;
using Resilience.Shutdown;
using Resilience.Topology;

namespace Resilience.HealthProbes.Cli;

/// <summary>The <c>HealthProbes</c> command line: the service (root command) and the benchmarks.</summary>
public static class HealthProbesCommand
{
    /// <summary>Exit code of a bad option or stack file.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code of a failure after start (e.g. the listen port is taken).</summary>
    public const int FailureExitCode = 1;

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, Func<string, string?>? environment = null, TextWriter? error = null, TextWriter? output = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        error ??= Console.Error;
        output ??= Console.Out;
        var root = new RootCommand("Per-member health probes and the warm-up gate of a replica group (see /health/ready).");
        var service = new CliOptions();
        foreach (var option in service.Service)
        {
            root.Add(option);
        }

        root.SetAction((parse, token) => ServeAsync(new OptionValues(parse, environment), service, error, token));
        root.Add(GateCommand(environment, error));
        root.Add(GateRoleCommand.Create(environment, error, output));
        root.Add(WarmupBenchmarkCommand.Create(environment, error));
        root.Add(ProbeLatencyBenchmarkCommand.Create(error));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            await error.WriteLineAsync($"healthprobes: {result.Errors[0].Message} (see --help)").ConfigureAwait(false);
            return UsageExitCode;
        }

        // ShutdownSignal (in ServeAsync) answers SIGINT, SIGTERM and SIGHUP alike with a graceful stop; the parser must not also claim them.
        return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="body"/>, turning user-caused errors into one line and exit code 2.</summary>
    internal static async Task<int> Guarded(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is UsageException or StackFileException or OptionsValidationException)
        {
            await error.WriteLineAsync($"healthprobes: {e.Message}").ConfigureAwait(false);
            return UsageExitCode;
        }
    }

    private static Task<int> ServeAsync(OptionValues values, CliOptions cli, TextWriter error, CancellationToken token) => Guarded(error, async () =>
    {
        var reader = new OptionsReader(cli, values);
        var (options, stack, group) = reader.ReadService();
        var logLevel = reader.ReadLogLevel();
        if (ListenProblem(options.Listen) is { } problem)
        {
            await error.WriteLineAsync($"healthprobes: cannot listen on {options.Listen}: {problem}").ConfigureAwait(false);
            return FailureExitCode;
        }

        await using var app = HealthProbesHost.Build(options, stack.StackName, group.Warmup, TimeProvider.System, logLevel);
        try
        {
            await app.StartAsync(token).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Taken between the check above and the bind.
            await error.WriteLineAsync($"healthprobes: cannot listen on {options.Listen}: {e.Message}").ConfigureAwait(false);
            return FailureExitCode;
        }

        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HealthProbes").LogInformation(
            "listening on http://{Listen} for member {Host}:{Port} (group {Group} of stack {Stack})",
            options.Listen, options.PgHost, options.PgPort, options.Group, stack.StackName);
        using var shutdown = new ShutdownSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token, shutdown.Token);
        await app.WaitForShutdownAsync(stop.Token).ConfigureAwait(false);
        return 0;
    });

    // healthprobes gate: the warm-up gate of every reader of an aws or kubernetes stack, run from outside the database machines.
    private static Command GateCommand(Func<string, string?> environment, TextWriter error)
    {
        var command = new Command("gate", "The warm-up gate controller of an aws (Aurora custom endpoint) or kubernetes (pod label) stack: warms every reader and routes reads only to warm ones.");
        var cli = new CliOptions();
        foreach (var option in cli.Gate)
        {
            command.Add(option);
        }

        command.SetAction((parse, token) => Guarded(error, async () =>
        {
            var reader = new OptionsReader(cli, new OptionValues(parse, environment));
            var settings = reader.ReadGate();
            var logLevel = reader.ReadLogLevel();
            if (ListenProblem(settings.Listen) is { } problem)
            {
                await error.WriteLineAsync($"healthprobes gate: cannot listen on {settings.Listen}: {problem}").ConfigureAwait(false);
                return FailureExitCode;
            }

            await using var app = GateController.GateControllerHost.Build(settings, TimeProvider.System, logLevel);
            await app.StartAsync(token).ConfigureAwait(false);
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HealthProbes");
            log.LogInformation(
                "gate controller for stack {Stack} ({Platform}), cells {Cells}, on http://{Listen}",
                settings.Stack.StackName, settings.Stack.Platform, string.Join(", ", settings.Cells.Select(c => c.Name)), settings.Listen);
            if (settings.TlsUnverified)
            {
                log.LogWarning("TLS to the readers is not verified (--insecure-skip-tls-verify true): whoever sits on the path can pose as a reader");
            }
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token, shutdown.Token);
            await app.WaitForShutdownAsync(stop.Token).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>Why <paramref name="endpoint"/> cannot be listened on (e.g. in use), checked before anything starts; null when free.</summary>
    private static string? ListenProblem(System.Net.IPEndPoint endpoint)
    {
        try
        {
            using var probe = new System.Net.Sockets.TcpListener(endpoint);
            probe.Start();
            probe.Stop();
            return null;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse ? "address already in use (another process holds the port)" : e.Message;
        }
    }
}
