using Resilience.Topology.Options;
using Npgsql;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;

namespace Resilience.ChaosSuite.Pipeline.ChaosInjection;

/// <summary>Adds Simmy's fault, outcome and latency strategies as <see cref="ChaosInjectionOptions"/> describes.</summary>
public static class ChaosInjectionPipelineBuilderExtensions
{
    /// <summary>Adds the three chaos strategies; <paramref name="counters"/> counts every injection.</summary>
    public static ResiliencePipelineBuilder<TResult> AddDatabaseChaos<TResult>(
        this ResiliencePipelineBuilder<TResult> builder,
        ChaosInjectionOptions options,
        PipelineCounters counters,
        Func<double>? randomizer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        OptionsValidator.Validate(options);

        var fault = new ChaosFaultStrategyOptions
        {
            InjectionRate = options.FaultRate,
            FaultGenerator = new FaultGenerator().AddException(() =>
                new NpgsqlException("chaos: connection broken (injected by Simmy)", new IOException("injected"))),
            OnFaultInjected = _ =>
            {
                counters.FaultInjected();
                return default;
            },
        };
        var outcome = new ChaosOutcomeStrategyOptions<TResult>
        {
            InjectionRate = options.OutcomeRate,
            OutcomeGenerator = new OutcomeGenerator<TResult>().AddException(() =>
                new PostgresException("chaos: could not serialize access (injected by Simmy)", "ERROR", "ERROR", "40001")),
            OnOutcomeInjected = _ =>
            {
                counters.OutcomeInjected();
                return default;
            },
        };
        var latencyValue = options.Latency;
        var latency = new ChaosLatencyStrategyOptions
        {
            InjectionRate = options.LatencyRate,
            // Counted when generated: OnLatencyInjected runs only after the delay, which the attempt timeout cancels.
            LatencyGenerator = _ =>
            {
                counters.LatencyInjected();
                return ValueTask.FromResult(latencyValue);
            },
        };
        var enabled = options.Enabled;
        fault.EnabledGenerator = _ => ValueTask.FromResult(enabled());
        outcome.EnabledGenerator = _ => ValueTask.FromResult(enabled());
        latency.EnabledGenerator = _ => ValueTask.FromResult(enabled());
        if (randomizer is not null)
        {
            fault.Randomizer = randomizer;
            outcome.Randomizer = randomizer;
            latency.Randomizer = randomizer;
        }

        return builder.AddChaosFault(fault).AddChaosOutcome(outcome).AddChaosLatency(latency);
    }
}
