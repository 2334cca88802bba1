using System.Text.Json;
using Resilience.HealthProbes.Cli;
using Resilience.HealthProbes.GateController;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.Cli;

/// <summary>
/// infra/healthProbesContract.json is the one home of what the Pulumi program hands <c>healthprobes gate</c> (its
/// arguments, environment, port, probe path, state directory): every name in it must be one the binary really reads.
/// The infra tests hold the ECS task and the Deployment against the same file, so neither side can drift alone.
/// </summary>
public sealed class GateContractTests
{
    private static readonly JsonElement Contract = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(RepositoryLocator.FindAbove(AppContext.BaseDirectory, RepositoryLocator.SolutionFile)!, "infra", "healthProbesContract.json"))).RootElement;

    [Fact]
    public void EveryOptionTheProgramPassesIsAnOptionOfTheGateCommand()
    {
        var gate = new CliOptions().Gate.Select(o => o.Name).ToHashSet();
        var passed = Contract.GetProperty("options").EnumerateObject().Select(p => p.Value.GetString()!).ToList();
        Assert.NotEmpty(passed);
        Assert.All(passed, name => Assert.Contains(name, gate));
    }

    [Fact]
    public void TheCommandEnvironmentPortAndPathsAreTheBinarys()
    {
        Assert.Equal("gate", Contract.GetProperty("command").GetString());
        Assert.Equal(HealthProbesConstants.PasswordEnvironmentVariable, Contract.GetProperty("passwordEnvironment").GetString());
        Assert.Equal(HealthProbesConstants.EnvironmentPrefix, Contract.GetProperty("environmentPrefix").GetString());
        Assert.Equal(System.Net.IPEndPoint.Parse(HealthProbesConstants.Listen).Port, Contract.GetProperty("port").GetInt32());
        Assert.Equal(GateControllerHost.LivenessPath, Contract.GetProperty("livenessPath").GetString());
        Assert.Equal(GateControllerHost.StatusPath, Contract.GetProperty("statusPath").GetString());
        Assert.Equal(GateControllerConstants.RdsCaBundle, Contract.GetProperty("image").GetProperty("rdsCaBundle").GetString());
    }

    [Fact]
    public void TheProbeRoleAndItsGrantsAreTheOnesGateRoleGivesOnAurora()
    {
        Assert.Equal(GateRole.Name, Contract.GetProperty("probeRole").GetString());
        Assert.Equal(GateRole.Grants, Contract.GetProperty("probeRoleGrants").EnumerateArray().Select(g => g.GetString()!).ToList());
    }

    [Fact]
    public async Task TheArgumentsTheProgramBuildsAreAcceptedByTheCommandLine()
    {
        // What infra/healthProbesContract.ts gateArguments() builds for a kubernetes cell, against a real stack file:
        // the command parses it and fails only where a cluster is needed (here: before listening, on a taken port).
        var o = Contract.GetProperty("options");
        var root = RepositoryLocator.FindAbove(AppContext.BaseDirectory, RepositoryLocator.SolutionFile)!;
        var state = Directory.CreateTempSubdirectory("gate-contract-").FullName;
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            using var error = new StringWriter();
            var code = await HealthProbesCommand.RunAsync(
                [
                    "gate", O(o, "stackFile"), Path.Combine(root, "Pulumi.k8s-staging.yaml"), O(o, "stateDir"), state,
                    O(o, "listen"), $"127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}", O(o, "cells"), "default",
                ],
                name => name == OptionValues.EnvironmentName(new System.CommandLine.Option<string>(O(o, "pgUser"))) ? "app" : null,
                error);
            Assert.Equal(HealthProbesCommand.FailureExitCode, code);
            Assert.Contains("cannot listen on", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static string O(JsonElement options, string key) => options.GetProperty(key).GetString()!;
}
