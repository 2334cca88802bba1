using System.Globalization;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>Named test timeouts with generous defaults; each can be overridden by <c>HEALTHPROBES_TEST_TIMEOUT_&lt;NAME&gt;</c> (seconds).</summary>
internal static class Timeouts
{
    /// <summary>initdb, start, pg_basebackup, start of the replica, first streaming.</summary>
    public static TimeSpan ClusterStart { get; } = Get("CLUSTER_START", 90);

    /// <summary>A PostgreSQL server starting or stopping.</summary>
    public static TimeSpan ServerStartStop { get; } = Get("SERVER_START_STOP", 30);

    /// <summary>The gate opening once conditions hold (warm-up plus minimum warm time).</summary>
    public static TimeSpan GateOpens { get; } = Get("GATE_OPENS", 30);

    /// <summary>The gate closing after a fault.</summary>
    public static TimeSpan GateCloses { get; } = Get("GATE_CLOSES", 15);

    /// <summary>Scheduling slack added to timing bounds (e.g. "503 within the probe timeout"): the box has 2 cores shared with other work.</summary>
    public static TimeSpan Slack { get; } = Get("SLACK", 3);

    /// <summary>
    /// Slack on latency bounds in tests that load both cores (the probe-latency test): the 50 ms median is the product's
    /// target, measured by bench/healthprobes; the test only catches a probe that blocks behind the database.
    /// </summary>
    public static TimeSpan LatencySlack { get; } = Get("LATENCY_SLACK", 0.2);

    /// <summary>A HealthProbes process starting to answer, or exiting after SIGTERM.</summary>
    public static TimeSpan ServiceStartStop { get; } = Get("SERVICE_START_STOP", 20);

    private static TimeSpan Get(string name, double seconds) =>
        TimeSpan.FromSeconds(Environment.GetEnvironmentVariable($"HEALTHPROBES_TEST_TIMEOUT_{name}") is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var overridden) ? overridden : seconds);
}
