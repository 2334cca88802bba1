using System.Net;
using Resilience.Topology;

namespace Resilience.HealthProbes.GateController;

/// <summary>Everything <c>healthprobes gate</c> was told, validated: the stack, its cells, how to log in, where to listen.</summary>
/// <param name="StackFile">The stack file's full path.</param>
/// <param name="Stack">The spec read from it.</param>
/// <param name="Cells">The cells whose clusters are gated.</param>
/// <param name="Login">The probe login to every reader.</param>
/// <param name="IamAuth">Aurora: passwords are IAM database auth tokens.</param>
/// <param name="TlsUnverified">TLS without verifying the readers' certificates (<c>--insecure-skip-tls-verify</c>): said at start.</param>
/// <param name="Listen">Where <c>/health/live</c> and <c>/status</c> are served.</param>
/// <param name="AwsEndpointUrl">A replacement for the AWS endpoints (tests), or null.</param>
/// <param name="Controller">The controller's pacing.</param>
internal sealed record GateSettings(
    string StackFile,
    StackSpec Stack,
    IReadOnlyList<CellSpec> Cells,
    ReaderLogin Login,
    bool IamAuth,
    bool TlsUnverified,
    IPEndPoint Listen,
    Uri? AwsEndpointUrl,
    GateControllerOptions Controller);

/// <summary>What <c>healthprobes gate-role</c> was told: the writer, the master login, TLS, the warm-up policy's databases.</summary>
/// <param name="Host">The cluster's writer endpoint.</param>
/// <param name="Port">Its port.</param>
/// <param name="Database">The database connected to first (the stack's).</param>
/// <param name="User">The master user.</param>
/// <param name="Password">The master password (never printed).</param>
/// <param name="Tls">TLS to the writer.</param>
/// <param name="WarmupDatabases">Where pg_prewarm is installed.</param>
internal sealed record GateRoleSettings(string Host, int Port, string Database, string User, string Password, Internal.PgSecurity? Tls, IReadOnlyList<string> WarmupDatabases);
