namespace Resilience.Topology.Internal;

/// <summary>
/// The <c>resilience:recoveryTargets</c> section and the per-scenario overrides of <c>resilience:gameday.targets</c>
/// (infra/spec/sections/recoveryTargets.ts): both are read by <c>ReadRecoveryTargets</c>, so the value rules have one home.
/// </summary>
internal sealed partial class SpecReader
{
    private static RecoveryTargets ReadRecoveryTargets(ConfigNode? node, DatabaseSpec database) =>
        ReadRecoveryTargets(node, database, SpecDefaults.RecoveryTargets);

    /// <summary>Targets whose absent keys are <paramref name="d"/>'s: the defaults for the section, the stack-wide targets for an override.</summary>
    private static RecoveryTargets ReadRecoveryTargets(ConfigNode? node, DatabaseSpec database, RecoveryTargets d)
    {
        if (node is null)
        {
            return d;
        }

        var o = node.AsObject();
        var lostWritesNode = o.Field("lostWrites");
        var targets = new RecoveryTargets(
            o.Field("writeUnavailableSeconds")?.AsNumber(0, double.MaxValue) ?? d.WriteUnavailableSeconds,
            o.Field("readerRemovalSeconds")?.AsNumber(0, double.MaxValue) ?? d.ReaderRemovalSeconds,
            o.Field("replacementSeconds")?.AsNumber(0, double.MaxValue) ?? d.ReplacementSeconds,
            o.Field("warmupSeconds")?.AsNumber(0, double.MaxValue) ?? d.WarmupSeconds,
            lostWritesNode?.AsInt(0, int.MaxValue) ?? d.LostWrites,
            o.Field("failedReads")?.AsInt(0, int.MaxValue) ?? d.FailedReads,
            o.Field("failedWrites")?.AsInt(0, int.MaxValue) ?? d.FailedWrites,
            o.Field("coldReads")?.AsInt(0, int.MaxValue) ?? d.ColdReads,
            o.Field("alarmDetectSeconds")?.AsNumber(0, double.MaxValue) ?? d.AlarmDetectSeconds,
            o.Field("falseFailovers")?.AsInt(0, int.MaxValue) ?? d.FalseFailovers,
            o.Field("switchoverWriteUnavailableSeconds")?.AsNumber(0, double.MaxValue) ?? d.SwitchoverWriteUnavailableSeconds);
        o.RejectUnknownFields();
        if (database.SynchronousReplication && targets.LostWrites != 0)
        {
            throw lostWritesNode!.Error($"must be 0 with synchronous replication, got {targets.LostWrites}");
        }

        return targets;
    }

    /// <summary>
    /// <c>resilience:gameday.targets</c>: scenario name -> overrides of <paramref name="stackWide"/>. A name must be a known
    /// scenario but need not be in <c>scenarios</c> (a stack may keep targets for scenarios it runs only from the CLI);
    /// an entry written as null overrides nothing.
    /// </summary>
    private static Dictionary<string, RecoveryTargets> ReadScenarioTargets(ConfigNode? node, DatabaseSpec database, RecoveryTargets stackWide)
    {
        var byScenario = new Dictionary<string, RecoveryTargets>(StringComparer.Ordinal);
        if (node is null)
        {
            return byScenario;
        }

        var o = node.AsObject();
        foreach (var name in o.Keys)
        {
            if (!Scenarios.All.Contains(name))
            {
                throw new StackFileException(node.File, $"{o.Path}.{name}", UnknownScenario(name));
            }

            if (o.Field(name) is { } overrides)
            {
                byScenario[name] = ReadRecoveryTargets(overrides, database, stackWide);
            }
        }

        return byScenario;
    }

    private static string UnknownScenario(string name) => $"unknown scenario '{name}' (known: {string.Join(", ", Scenarios.All)})";
}
