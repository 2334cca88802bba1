using Resilience.HealthProbes.Internal;
using Resilience.Topology.Time;
using Resilience.Topology;

namespace Resilience.HealthProbes.Gate;

/// <summary>The member's gate: holds the state between observations and stamps each with the injected clock.</summary>
public sealed class WarmupGate
{
    private readonly WarmupPolicy _policy;
    private readonly MonotonicClock _clock;
    private readonly Lock _lock = new();
    private GateState _state;
    private long _transitions;

    /// <summary>Creates a closed gate for <paramref name="policy"/>.</summary>
    public WarmupGate(WarmupPolicy policy, MonotonicClock clock)
    {
        _policy = policy;
        _clock = clock;
        _state = GateState.Initial(clock.Now);
    }

    /// <summary>The current state.</summary>
    public GateState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>How often the gate opened or closed since the service started.</summary>
    public long Transitions => Interlocked.Read(ref _transitions);

    /// <summary>Applies one observation; returns the previous and the new state.</summary>
    public (GateState Before, GateState After) Observe(GateInput input)
    {
        lock (_lock)
        {
            var before = _state;
            _state = GateRules.Next(before, input, _policy, _clock.Now);
            if (_state.Open != before.Open)
            {
                _transitions++;
            }

            return (before, _state);
        }
    }
}
