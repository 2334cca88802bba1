using System.CommandLine;
using Npgsql;
using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.Internal;

namespace Resilience.HealthProbes.Cli;

/// <summary>
/// <c>healthprobes gate-role</c>: creates, once per Aurora cluster and with the master login, the role the gate controller
/// logs in as (<see cref="GateRole"/>), and pg_prewarm in the warm-up's databases. Idempotent; the gate itself never holds
/// the master credentials.
/// </summary>
internal static class GateRoleCommand
{
    private const int ConnectTimeoutSeconds = 15;

    public static Command Create(Func<string, string?> environment, TextWriter error, TextWriter output)
    {
        var command = new Command("gate-role", $"Creates (or checks) the Aurora role {GateRole.Name} the gate controller logs in as, with only what it needs, and pg_prewarm in the warm-up's databases; run once per cluster with the master login.");
        var cli = new CliOptions();
        foreach (var option in cli.GateRole)
        {
            command.Add(option);
        }

        command.SetAction((parse, token) => HealthProbesCommand.Guarded(error, async () =>
        {
            var settings = new OptionsReader(cli, new OptionValues(parse, environment)).ReadGateRole();
            var options = new HealthProbesOptions
            {
                StackFile = "",
                Group = "",
                PgHost = settings.Host,
                PgPort = settings.Port,
                PgDatabase = settings.Database,
                PgUser = settings.User,
                PgPassword = settings.Password,
                StateDir = Path.GetTempPath(),
                ProbeTimeout = TimeSpan.FromSeconds(ConnectTimeoutSeconds),
            };
            await using var pg = new PgConnections(options, settings.Tls);
            try
            {
                await new GateRoleBootstrap(pg, settings.Database, line => output.WriteLine(line)).RunAsync(settings.WarmupDatabases, token).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is GateRoleException or NpgsqlException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
            {
                await error.WriteLineAsync($"healthprobes gate-role: {settings.Host}:{settings.Port}: {Errors.OneLine(e)}").ConfigureAwait(false);
                return HealthProbesCommand.FailureExitCode;
            }
        }));
        return command;
    }
}
