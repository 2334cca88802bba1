using Resilience.HealthProbes.Gate;

namespace Resilience.HealthProbes.GateController;

/// <summary>What the controller remembers of one reader between ticks: its gate, which start of its server was warmed, its warm-up.</summary>
internal sealed class ReaderGate(string id, GateState initial)
{
    public string Id { get; } = id;

    public GateState State { get; set; } = initial;

    /// <summary>What the platform said identifies this incarnation (a replacement under the same name changes it).</summary>
    public string? Incarnation { get; set; }

    /// <summary>The last pg_postmaster_start_time() seen; a different one means the reader restarted.</summary>
    public string? PostmasterStart { get; set; }

    /// <summary>The postmaster start whose caches the last completed warm-up filled; warm only while it is the current one.</summary>
    public string? WarmedStart { get; set; }

    /// <summary>The running warm-up, if any, and what stops it.</summary>
    public Task? Warmup { get; set; }

    public CancellationTokenSource? WarmupStop { get; set; }

    /// <summary>Not before this instant is a failed warm-up tried again.</summary>
    public TimeSpan RetryAt { get; set; }

    /// <summary>Why the last warm-up failed (one line), shown while the gate stays closed.</summary>
    public string? WarmupProblem { get; set; }

    public ReaderObservation? Last { get; set; }

    /// <summary>A member found in the endpoint at the controller's first start (no ledger): trusted, then warmed again.</summary>
    public bool Adopted { get; set; }

    /// <summary>Run the warm-up once more even though the reader counts as warm (an adopted member).</summary>
    public bool Rewarm { get; set; }

    public bool WarmupComplete => WarmedStart is not null && WarmedStart == PostmasterStart;

    public bool WarmupRunning => Warmup is { IsCompleted: false };

    /// <summary>Stops a running warm-up (the reader restarted, was replaced or left).</summary>
    public void StopWarmup()
    {
        // Cancelled, not disposed: the warm-up may still be registering on its token as it ends.
        WarmupStop?.Cancel();
        WarmupStop = null;
        Warmup = null;
    }

    /// <summary>The reader is cold again: a restart or a replacement.</summary>
    public void Cold()
    {
        StopWarmup();
        WarmedStart = null;
        WarmupProblem = null;
        RetryAt = TimeSpan.Zero;
    }
}
