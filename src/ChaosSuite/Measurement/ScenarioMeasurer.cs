using System.Globalization;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Workload;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>What the measurer needs besides the timeline.</summary>
/// <param name="DesiredByGroup">Each replica group's desired count.</param>
/// <param name="Ledger">The ledger check, or null when it could not run.</param>
/// <param name="LedgerError">Why the ledger check could not run.</param>
/// <param name="WindowStart">Run seconds when the workload started.</param>
/// <param name="WindowEnd">Run seconds when the workload stopped.</param>
internal sealed record MeasurementInputs(
    IReadOnlyDictionary<string, int> DesiredByGroup,
    LedgerVerification? Ledger,
    string? LedgerError,
    double WindowStart,
    double WindowEnd);

/// <summary>Computes the DESIGN.md measurements every scenario shares, and the phases they imply.</summary>
internal static class ScenarioMeasurer
{
    /// <summary>Measures <paramref name="timeline"/>; <paramref name="fault"/> is null when nothing was injected.</summary>
    public static (MeasurementSet Measurements, IReadOnlyList<PhaseMark> Phases) Measure(TimelineSnapshot timeline, FaultRecord? fault, MeasurementInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(inputs);
        var set = new MeasurementSet();
        var phases = new List<PhaseMark>();

        set.Set(MeasurementNames.FailedReads, OperationStats.Failed(timeline, OperationKind.Read));
        set.Set(MeasurementNames.FailedWrites, OperationStats.Failed(timeline, OperationKind.Write));
        var cold = ColdReads.Find(timeline);
        set.Set(MeasurementNames.ColdReads, cold.Count, ColdReadsNote(cold, timeline, fault?.InjectedAt ?? inputs.WindowStart));
        set.Set(MeasurementNames.LostWrites, inputs.Ledger?.LostWrites, inputs.Ledger is null
            ? $"the ledger could not be checked: {inputs.LedgerError ?? "no primary answered"}"
            : inputs.Ledger.LostWrites > 0 ? $"missing ids: {string.Join(", ", inputs.Ledger.MissingIds.Take(20))}" : null);

        var promotions = Failovers.Promotions(timeline, inputs.WindowStart, inputs.WindowEnd);
        set.Set(MeasurementNames.FalseFailovers, Failovers.FalseFailovers(promotions, fault?.ExpectedFailovers ?? 0));
        set.Observe("promotions", promotions);

        if (fault is not null)
        {
            MeasureFault(timeline, fault, inputs, set, phases);
        }

        phases.AddRange(AlarmTransitions(timeline));

        Observe(timeline, inputs, set);
        return (set, phases);
    }

    private static void MeasureFault(TimelineSnapshot timeline, FaultRecord fault, MeasurementInputs inputs, MeasurementSet set, List<PhaseMark> phases)
    {
        var t0 = fault.InjectedAt;
        var firstWrite = WriteAvailability.FirstAcknowledgedAfter(timeline, fault);
        set.Set(MeasurementNames.WriteUnavailableSeconds, firstWrite?.CompletedAt - t0, firstWrite is null ? "no write was acknowledged after the fault" : null);
        if (firstWrite is not null)
        {
            phases.Add(new PhaseMark(PhaseNames.WritesAvailable, firstWrite.CompletedAt, $"first acknowledged write (by {firstWrite.ServerIdentity})"));
        }

        // Commit latency of the steady state before the fault (what synchronous standbys cost), and the
        // longest pause in acknowledgements the fault caused.
        set.Observe("writeLatencyP50MsBeforeFault", OperationStats.LatencyMs(timeline, OperationKind.Write, 50, inputs.WindowStart, t0));
        set.Observe("writeLatencyP99MsBeforeFault", OperationStats.LatencyMs(timeline, OperationKind.Write, 99, inputs.WindowStart, t0));
        set.Observe(WriteStall.Name, WriteStall.Seconds(timeline, t0, inputs.WindowEnd));

        if (Failovers.NewPrimary(timeline, fault) is { } promoted && fault.TargetWasPrimary)
        {
            phases.Add(new PhaseMark(PhaseNames.Failover, promoted.At, $"{promoted.Observation.Primary!.Name} is primary"));
        }

        if (fault.TargetMember is null)
        {
            return;
        }

        if (!fault.TargetWasPrimary)
        {
            var removal = ReaderRemoval.Measure(timeline, fault);
            set.Set(MeasurementNames.ReaderRemovalSeconds, removal.RemovedAt - t0, removal.RemovedAt is null ? $"the read endpoint still routed to {fault.TargetMember}" : null);
            set.Observe("readerRemovalPlatformSeconds", removal.PlatformAt - t0);
            set.Observe("readerRemovalClientSeconds", removal.ClientAt - t0);
            if (removal.RemovedAt is { } removedAt)
            {
                phases.Add(new PhaseMark(PhaseNames.ReaderRemoved, removedAt, $"read endpoint stopped routing to {fault.TargetMember}"));
            }
        }

        var newMembers = GroupRecovery.NewMembers(timeline, fault);
        set.Set(MeasurementNames.WarmupSeconds, GroupRecovery.WarmupSeconds(newMembers), newMembers.Count == 0
            ? "no replacement member appeared"
            : newMembers.All(m => m.GateOpenedAt is null) ? "no replacement member's gate opened" : null);
        set.Observe("newMembers", newMembers.Count);
        foreach (var member in newMembers)
        {
            phases.Add(new PhaseMark(PhaseNames.ReplacementCreated, member.CreatedAt, $"{member.Name} created"));
            if (member.GateOpenedAt is { } opened)
            {
                phases.Add(new PhaseMark(PhaseNames.ReplacementWarm, opened, $"{member.Name} gate open"));
            }
        }

        var recovered = GroupRecovery.RecoveredSample(timeline, fault, inputs.DesiredByGroup);
        set.Set(MeasurementNames.ReplacementSeconds, recovered?.At - t0, recovered is null
            ? string.Create(CultureInfo.InvariantCulture, $"groups not back at desired count within {inputs.WindowEnd - t0:0} s")
            : null);
        if (recovered is not null)
        {
            phases.Add(new PhaseMark(PhaseNames.Recovered, recovered.At, "every group at desired count, warm, in the read endpoint"));
        }
    }

    /// <summary>Every change of an alarm into or out of ALARM, as a phase.</summary>
    private static IEnumerable<PhaseMark> AlarmTransitions(TimelineSnapshot timeline)
    {
        var states = new Dictionary<string, Platform.AlarmState>(StringComparer.Ordinal);
        foreach (var sample in timeline.Samples)
        {
            foreach (var alarm in sample.Observation.Alarms)
            {
                var was = states.TryGetValue(alarm.Name, out var s) ? s : (Platform.AlarmState?)null;
                states[alarm.Name] = alarm.State;
                if (was is not null && was != alarm.State && (alarm.State == Platform.AlarmState.Alarm || was == Platform.AlarmState.Alarm))
                {
                    yield return new PhaseMark("alarm", sample.At, $"{alarm.Name}: {Name(was.Value)} -> {Name(alarm.State)}");
                }
            }
        }

        static string Name(Platform.AlarmState state) => state switch
        {
            Platform.AlarmState.Alarm => "ALARM",
            Platform.AlarmState.Ok => "OK",
            _ => "INSUFFICIENT_DATA",
        };
    }

    private static string? ColdReadsNote(IReadOnlyList<OperationRecord> cold, TimelineSnapshot timeline, double origin)
    {
        if (cold.Count == 0)
        {
            return null;
        }

        var byMember = cold.GroupBy(o => o.ServerIdentity!).Select(g =>
        {
            var name = timeline.SampleAtOrAfter(g.First().CompletedAt)?.Observation.FindByIdentity(g.Key)?.Name ?? g.Key;
            return string.Create(CultureInfo.InvariantCulture,
                $"{g.Count()} from {name} between {g.Min(o => o.StartedAt) - origin:0.00} s and {g.Max(o => o.CompletedAt) - origin:0.00} s");
        });
        return $"answered while the member's gate was closed: {string.Join("; ", byMember)}";
    }

    private static void Observe(TimelineSnapshot timeline, MeasurementInputs inputs, MeasurementSet set)
    {
        set.Observe("acknowledgedWrites", OperationStats.Succeeded(timeline, OperationKind.Write));
        set.Observe("answeredReads", OperationStats.Succeeded(timeline, OperationKind.Read));
        set.Observe("fallbackReads", timeline.Operations.Count(o => o is { Kind: OperationKind.Read, Succeeded: true, FromPrimary: true }));
        set.Observe("writeLatencyP50Ms", OperationStats.LatencyMs(timeline, OperationKind.Write, 50));
        set.Observe("writeLatencyP99Ms", OperationStats.LatencyMs(timeline, OperationKind.Write, 99));
        set.Observe("readLatencyP50Ms", OperationStats.LatencyMs(timeline, OperationKind.Read, 50));
        set.Observe("readLatencyP99Ms", OperationStats.LatencyMs(timeline, OperationKind.Read, 99));
        set.Observe("unattributedReads", ColdReads.Unattributed(timeline));
        set.Observe("splitBrainSamples", Failovers.SplitBrainSamples(timeline));
        set.Observe("committedUnacknowledgedWrites", inputs.Ledger?.CommittedUnacknowledged);
        var samples = timeline.SamplesBetween(inputs.WindowStart, inputs.WindowEnd).ToList();
        if (samples.Count >= 2 && samples[^1].At > samples[0].At)
        {
            set.Observe("sampleRateHz", (samples.Count - 1) / (samples[^1].At - samples[0].At));
            set.Observe("maxSampleGapSeconds", samples.Zip(samples.Skip(1), (a, b) => b.At - a.At).Max());
        }
    }
}
