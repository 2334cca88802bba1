using System.Globalization;
using System.Text;
using Resilience.HealthProbes.Probes;

namespace Resilience.HealthProbes.Http;

/// <summary>Writes <c>/metrics</c> in the Prometheus text exposition format (0.0.4); no client library is available.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(MemberContext context)
    {
        var snapshot = context.Member.Latest;
        var sample = snapshot?.Sample;
        var warmup = context.Warmup.View;
        var labels = $"group=\"{Escape(context.Group)}\",member=\"{Escape($"{context.Options.PgHost}:{context.Options.PgPort}")}\"";
        var text = new StringBuilder(2048);

        Gauge(text, "healthprobes_gate_open", "1 when the warm-up gate is open: reads may be routed to this member.", labels, context.Ready().Ok ? 1 : 0);
        Gauge(text, "healthprobes_live", "1 when the database answered the last probe within the timeout.", labels, context.Live().Ok ? 1 : 0);
        Gauge(text, "healthprobes_primary", "1 when this member is the writable primary.", labels, context.Primary().Ok ? 1 : 0);
        Gauge(text, "healthprobes_streaming", "1 when the WAL receiver is streaming.", labels, sample?.Streaming == true ? 1 : 0);
        Gauge(text, "healthprobes_replay_lag_seconds", "Estimated replay lag in seconds (NaN when unknown).", labels, snapshot?.LagSeconds ?? double.NaN);
        Gauge(text, "healthprobes_replay_lag_bytes", "WAL received but not replayed, bytes.", labels, sample?.LagBytes ?? 0);
        Gauge(text, "healthprobes_warmup_progress_ratio", "Warm-up progress, 0 to 1.", labels, warmup.Ratio);
        Gauge(text, "healthprobes_warmup_complete", "1 when the warm-up is complete for this data directory.", labels, warmup.Complete ? 1 : 0);
        Gauge(text, "healthprobes_warmup_bytes_done", "Bytes the warm-up has read.", labels, warmup.BytesDone);
        Gauge(text, "healthprobes_warmup_bytes_total", "Bytes the warm-up reads in all.", labels, warmup.BytesTotal);
        Gauge(text, "healthprobes_warmup_duration_seconds", "Duration of the completed warm-up (NaN before).", labels, warmup.DurationSeconds ?? double.NaN);
        Gauge(text, "healthprobes_buffer_cache_hit_ratio", "Shared buffer hits / (hits + reads) over all databases (NaN when unknown).", labels, sample?.BufferCacheHitRatio ?? double.NaN);
        Counter(text, "healthprobes_gate_transitions_total", "How often the gate opened or closed.", labels, context.Gate.Transitions);

        var (count, sum, failures, buckets) = context.Metrics.Read();
        Counter(text, "healthprobes_observation_failures_total", "Observations the database did not answer within the timeout.", labels, failures);
        text.Append("# HELP healthprobes_probe_duration_seconds Duration of one observation of the database (probe latency).\n");
        text.Append("# TYPE healthprobes_probe_duration_seconds histogram\n");
        for (var i = 0; i < ProbeMetrics.Buckets.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"healthprobes_probe_duration_seconds_bucket{{{labels},le=\"{Number(ProbeMetrics.Buckets[i])}\"}} {buckets[i]}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"healthprobes_probe_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}\n");
        text.Append(CultureInfo.InvariantCulture, $"healthprobes_probe_duration_seconds_sum{{{labels}}} {Number(sum)}\n");
        text.Append(CultureInfo.InvariantCulture, $"healthprobes_probe_duration_seconds_count{{{labels}}} {count}\n");
        return text.ToString();
    }

    /// <summary><c>/metrics</c> of the gate controller (<c>healthprobes gate</c>): per cluster its warm readers and alarm, per reader its gate.</summary>
    public static string WriteGate(IEnumerable<(string Cluster, GateController.ClusterGate.GateSnapshot Snapshot)> clusters)
    {
        var all = clusters.ToList();
        var text = new StringBuilder(1024);
        Family(text, "healthprobes_gate_warm_readers", "Readers whose warm-up gate is open (the warm read endpoint's members when no fallback is taken).",
            all.Select(c => ($"cluster=\"{Escape(c.Cluster)}\"", (double)c.Snapshot.Readers.Count(r => r.Open))));
        Family(text, "healthprobes_gate_alarm", "1 when no reader is warm and the endpoint keeps a cold one (or is left as it was).",
            all.Select(c => ($"cluster=\"{Escape(c.Cluster)}\"", c.Snapshot.Alarm is null ? 0.0 : 1.0)));
        Family(text, "healthprobes_gate_open", "1 when the reader's warm-up gate is open: reads may be routed to it.",
            all.SelectMany(c => c.Snapshot.Readers.Select(r => ($"cluster=\"{Escape(c.Cluster)}\",reader=\"{Escape(r.Id)}\"", r.Open ? 1.0 : 0.0))));
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
        foreach (var (labels, value) in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {Number(value)}\n");
        }
    }

    private static void Gauge(StringBuilder text, string name, string help, string labels, double value) => Metric(text, "gauge", name, help, labels, value);

    private static void Counter(StringBuilder text, string name, string help, string labels, double value) => Metric(text, "counter", name, help, labels, value);

    private static void Metric(StringBuilder text, string type, string name, string help, string labels, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name}{{{labels}}} {Number(value)}\n");

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
