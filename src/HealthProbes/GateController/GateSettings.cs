using System.Net;
using Resilience.Topology;

namespace Resilience.HealthProbes.GateController;

/// <summary>Everything <c>healthprobes gate</c> was told, validated: the stack, its cells, how to log in, where to listen.</summary>
/// <param name="StackFile">The stack file's full path.</param>
/// <param name="Stack">The spec read from it.</param>
/// <param name="Cells">The cells whose clusters are gated.</param>
/// <param name="Login">The probe login to every reader.</param>
/// <param name="IamAuth">Aurora: passwords are IAM database auth tokens.</param>
/// <param name="CaFile">A CA bundle verifying the readers' certificates, or null.</param>
/// <param name="Listen">Where <c>/health/live</c> and <c>/status</c> are served.</param>
/// <param name="AwsEndpointUrl">A replacement for the AWS endpoints (tests), or null.</param>
/// <param name="Controller">The controller's pacing.</param>
internal sealed record GateSettings(
    string StackFile,
    StackSpec Stack,
    IReadOnlyList<CellSpec> Cells,
    ReaderLogin Login,
    bool IamAuth,
    string? CaFile,
    IPEndPoint Listen,
    Uri? AwsEndpointUrl,
    GateControllerOptions Controller);
