using System.Globalization;
using Resilience.Topology;

namespace Resilience.LocalCluster.Cli;

/// <summary>The human form of <see cref="ClusterStatus"/>.</summary>
internal static class StatusTable
{
    public static void Write(TextWriter w, ClusterStatus s)
    {
        w.WriteLine($"stack {s.Stack}: {(s.IsSteady ? "steady" : "NOT steady")}; supervisor {(s.SupervisorPid is { } p ? $"pid {p}" : "not running")}; read gate: {s.GateSource}");
        foreach (var reason in s.NotSteadyReasons)
        {
            w.WriteLine($"  - {reason}");
        }

        if (s.Failover is { } f)
        {
            WriteFailover(w, f);
        }

        w.WriteLine($"write endpoint {s.WriteEndpoint}   read endpoint {s.ReadEndpoint}");
        var rows = new List<string[]> { new[] { "MEMBER", "GROUP", "ROLE", "STATE", "LAG", "GATE", "ROUTED", "PG", "REST", "PROBE", "PID", "CPU" } };
        foreach (var m in s.Members)
        {
            var lag = m.LagBytes is null ? "-" : $"{FormatBytes(m.LagBytes.Value)}/{m.LagSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"}s";
            var routed = (m.InWriteEndpoint ? "write" : "") + (m.InReadEndpoint ? (m.InWriteEndpoint ? "+read" : "read") : "");
            rows.Add([
                m.Name, m.Group, m.Role.ToString().ToLowerInvariant() + (m.IsSynchronous ? " (sync)" : ""),
                m.State.ToString().ToLowerInvariant(), lag, m.Role == MemberRole.Primary ? "-" : m.GateOpen ? "open" : "closed",
                routed.Length == 0 ? "-" : routed,
                Num(m.Ports.Postgres), Num(m.Ports.Patroni), Num(m.Ports.Probe),
                m.Pid is { } pid ? Num(pid) : "-", m.CpuPercent is { } cpu ? cpu.ToString("0", CultureInfo.InvariantCulture) + "%" : "-",
            ]);
        }

        WriteRows(w, rows);
        if (s.Alarms.Count > 0)
        {
            var alarms = new List<string[]> { new[] { "ALARM", "METRIC", "STATE", "VALUE", "THRESHOLD" } };
            alarms.AddRange(s.Alarms.Select(a => new[]
            {
                a.Name, a.Metric, a.State.ToString(), a.LastValue?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-",
                a.Threshold.ToString(CultureInfo.InvariantCulture),
            }));
            WriteRows(w, alarms);
        }
    }

    public static void WriteLogs(TextWriter w, ClusterStatus s)
    {
        w.WriteLine("logs:");
        foreach (var (name, path) in s.Logs)
        {
            w.WriteLine($"  {name,-26} {path}");
        }

        w.WriteLine($"  {"alarm log",-26} {s.AlarmLogPath}");
        w.WriteLine($"  {"event log",-26} {s.EventLogPath}");
    }

    /// <summary>Why there is no primary, how far behind the best candidate is, and the command that accepts the loss.</summary>
    public static void WriteFailover(TextWriter w, FailoverAssessment f)
    {
        w.WriteLine($"no primary: {f.Reason}");
        if (f.BestCandidate is { } best && !f.SafeCandidateExists)
        {
            w.WriteLine($"  best candidate: {FailoverAssessment.DescribeLoss(best, f.CandidateReceivedPosition, f.LeaderLastPosition)}");
        }

        if (f.AcceptCommand is { } command)
        {
            w.WriteLine($"  to promote it and accept that loss: {command}");
        }
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string FormatBytes(long bytes) => ByteSize.Format(bytes);

    private static void WriteRows(TextWriter w, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var r in rows)
        {
            w.WriteLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
