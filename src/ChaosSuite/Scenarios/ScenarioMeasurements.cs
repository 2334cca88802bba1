using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>
/// Assembles a finished scenario's measurements: the shared ones (<see cref="ScenarioMeasurer"/>), the
/// scenario's own, and what the run itself observed of its instruments (sampler, workload, pipeline).
/// </summary>
internal static class ScenarioMeasurements
{
    /// <summary>Every measurement of the run and the phases they imply (removal, promotion...), in time order with the timeline's.</summary>
    public static (MeasurementSet Measurements, IReadOnlyList<PhaseMark> Phases) Assemble(
        ChaosScenario scenario, ScenarioContext context, TimelineSnapshot snapshot, MeasurementInputs inputs)
    {
        var (measurements, shared) = ScenarioMeasurer.Measure(snapshot, context.Fault, inputs);
        var derived = shared.ToList();
        scenario.Measure(context, snapshot, measurements, derived);
        measurements.Observe("notStartedOperations", context.Workload.Counters.NotStarted);
        measurements.Observe("observationFailures", context.Sampler.Failures);
        measurements.Observe("observationsSuperseded", context.Sampler.Superseded);
        var staleness = snapshot.Samples.Select(s => s.Observation.Staleness?.TotalMilliseconds).OfType<double>().Order().ToList();
        measurements.Observe("observationStalenessP50Ms", Percentiles.NearestRank(staleness, 50));
        measurements.Observe("observationStalenessP99Ms", Percentiles.NearestRank(staleness, 99));
        var durations = context.Sampler.ObservationDurations.Select(d => d * 1000).Order().ToList();
        measurements.Observe("observationP50Ms", Percentiles.NearestRank(durations, 50));
        measurements.Observe("observationP99Ms", Percentiles.NearestRank(durations, 99));
        ObservePipeline(context.Workload.Pipeline, measurements);
        return (measurements, [.. snapshot.Phases.Concat(derived).OrderBy(p => p.At)]);
    }

    private static void ObservePipeline(PipelineCounters counters, MeasurementSet measurements)
    {
        measurements.Observe("retries", counters.Retries);
        measurements.Observe("readFallbacks", counters.Fallbacks);
        measurements.Observe("circuitOpenings", counters.CircuitOpenings);
        measurements.Observe("attemptTimeouts", counters.Timeouts);
        measurements.Observe("pipelineShed", counters.Shed);
        measurements.Observe("injectedFaults", counters.InjectedFaults);
        measurements.Observe("injectedOutcomes", counters.InjectedOutcomes);
        measurements.Observe("injectedLatencies", counters.InjectedLatencies);
    }
}
