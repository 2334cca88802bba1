namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:recoveryTargets</c> section (infra/spec/sections/recoveryTargets.ts).</summary>
internal sealed partial class SpecReader
{
    private static RecoveryTargets ReadRecoveryTargets(ConfigNode? node, DatabaseSpec database)
    {
        var d = SpecDefaults.RecoveryTargets;
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
}
