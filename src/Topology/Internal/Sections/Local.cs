namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:local</c> section (infra/spec/sections/local.ts).</summary>
internal sealed partial class SpecReader
{
    private static LocalPlatformSpec ReadLocal(ConfigNode? node)
    {
        if (node is null)
        {
            return new LocalPlatformSpec(SpecDefaults.PortBase, null, SpecDefaults.Patroni, SpecDefaults.Haproxy);
        }

        var o = node.AsObject();
        var portBase = o.Field("portBase")?.AsInt(1024, 65000) ?? SpecDefaults.PortBase;
        var stateDirNode = o.Field("stateDir");
        var stateDir = stateDirNode?.AsNonEmptyString();
        if (stateDir is not null && !stateDir.StartsWith('/'))
        {
            throw stateDirNode!.Error($"must be an absolute path, got '{stateDir}'");
        }

        var patroni = o.Field("patroni") is { } p ? ReadPatroni(p) : SpecDefaults.Patroni;
        var haproxy = o.Field("haproxy") is { } h ? ReadHaproxy(h) : SpecDefaults.Haproxy;
        o.RejectUnknownFields();
        return new LocalPlatformSpec(portBase, stateDir, patroni, haproxy);
    }

    private static PatroniTiming ReadPatroni(ConfigNode node)
    {
        var o = node.AsObject();
        var d = SpecDefaults.Patroni;
        var ttlNode = o.Field("ttlSeconds");
        var timing = new PatroniTiming(
            ttlNode?.AsInt(PatroniTiming.MinimumSeconds, int.MaxValue) ?? d.TtlSeconds,
            o.Field("loopWaitSeconds")?.AsInt(PatroniTiming.MinimumSeconds, int.MaxValue) ?? d.LoopWaitSeconds,
            o.Field("retryTimeoutSeconds")?.AsInt(PatroniTiming.MinimumSeconds, int.MaxValue) ?? d.RetryTimeoutSeconds);
        o.RejectUnknownFields();
        var floor = timing.MinimumTtlSeconds;
        return timing.TtlSeconds < floor
            ? throw (ttlNode ?? node).Error($"ttl {timing.TtlSeconds} < loopWait + 2 x retryTimeout = {floor}")
            : timing;
    }

    private static HaproxyTiming ReadHaproxy(ConfigNode node)
    {
        var o = node.AsObject();
        var d = SpecDefaults.Haproxy;
        var timing = new HaproxyTiming(
            o.Field("checkIntervalMs")?.AsInt(HaproxyTiming.MinCheckIntervalMs, HaproxyTiming.MaxCheckIntervalMs) ?? d.CheckIntervalMs,
            o.Field("fall")?.AsInt(HaproxyTiming.MinimumChecks, int.MaxValue) ?? d.Fall,
            o.Field("rise")?.AsInt(HaproxyTiming.MinimumChecks, int.MaxValue) ?? d.Rise);
        o.RejectUnknownFields();
        return timing;
    }
}
