using System.Globalization;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.Topology.Time;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>Waits several scenarios share, each reported as it ends.</summary>
internal static class ScenarioWaits
{
    // The workload writes every 20 ms at its default rate: checking as often resolves the first acknowledgement.
    private static readonly TimeSpan WriteAckInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until a write started after the fault is acknowledged; true when one was in time.</summary>
    public static async Task<bool> FirstWriteAfterFaultAsync(ScenarioContext context, long firstIdAfterFault, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var acknowledged = await Poll.UntilAsync(
            _ => Task.FromResult(context.Workload.Ledger.HighestAcknowledged >= firstIdAfterFault),
            timeout,
            WriteAckInterval,
            context.Clock.TimeProvider,
            cancellationToken);
        context.Info(acknowledged ? $"writes acknowledged again {Since(context)}" : $"no write acknowledged within {timeout.TotalSeconds:0} s of the fault");
        return acknowledged;
    }

    /// <summary>Waits for <paramref name="condition"/> and reports <paramref name="what"/> with the time since the fault.</summary>
    public static async Task<ObservationSample?> ConditionAsync(
        ScenarioContext context, string what, Func<ClusterObservation, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sample = await context.WaitForAsync(condition, timeout, cancellationToken);
        if (sample is null)
        {
            context.Info(string.Create(CultureInfo.InvariantCulture, $"not seen within {timeout.TotalSeconds:0} s: {what}"));
            return null;
        }

        // The wait may have started after the event (the injection call itself takes time): report the first
        // observation that showed it, as the measurement will.
        var notBefore = context.Fault?.InjectedAt ?? context.StartedAt;
        var first = context.Timeline.Snapshot().Samples.FirstOrDefault(s => s.At >= notBefore && condition(s.Observation)) ?? sample;
        context.Info($"{what} {Since(context, first.At)}");
        return first;
    }

    /// <summary>The member the seeded random source picks among warm routed replicas of <paramref name="group"/> that the platform can take the machine of, or null.</summary>
    public static MemberObservation? PickWarmReplica(ClusterObservation observation, string group, Random random)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(random);
        var candidates = observation.Replicas(group)
            .Where(m => m is { Health: MemberHealth.Running, GateOpen: true, InReadEndpoint: true } && m.CanSuffer(FaultKind.MachineLoss))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
    }

    private static string Since(ScenarioContext context, double? at = null) =>
        string.Create(CultureInfo.InvariantCulture, $"after {(at ?? context.Clock.Now) - (context.Fault?.InjectedAt ?? context.StartedAt):0.00} s");
}
