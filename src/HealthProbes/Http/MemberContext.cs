using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Internal;
using Resilience.HealthProbes.Probes;
using Resilience.HealthProbes.Warmup;
using Resilience.Topology.Time;
using Resilience.Topology;

namespace Resilience.HealthProbes.Http;

/// <summary>What the endpoints read: the member's identity, its policy and the live state.</summary>
internal sealed record MemberContext(
    string Stack,
    string Group,
    WarmupPolicy Policy,
    HealthProbesOptions Options,
    MonotonicClock Clock,
    MemberState Member,
    WarmupGate Gate,
    WarmupProgress Warmup,
    WarmupStateStore Store,
    ProbeMetrics Metrics)
{
    public ProbeAnswer Live() => ProbeAnswers.Live(Member.Latest, Clock.Now, Options.ProbeTimeout);

    public ProbeAnswer Primary() => ProbeAnswers.Primary(Member.Latest, Clock.Now, Options.ProbeTimeout);

    public ProbeAnswer Ready() => ProbeAnswers.Ready(Member.Latest, Clock.Now, Options.ProbeTimeout);
}
