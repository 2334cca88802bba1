namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// Remembers, across ticks, since when a member's Patroni has been dead and how often the supervisor restarted
/// something in place, so a crash loop backs off (1, 2, 4 ... 30 s) instead of restarting every tick.
/// </summary>
internal sealed class CrashRestarts(TimeProvider time)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> _restarts = [];
    private readonly Dictionary<string, DateTimeOffset> _seenDead = [];

    /// <summary>Notes whether <paramref name="member"/>'s Patroni runs; returns how long it has been dead (zero when running).</summary>
    public TimeSpan DeadFor(string member, bool running)
    {
        var now = time.GetUtcNow();
        if (running)
        {
            _seenDead.Remove(member);
            return TimeSpan.Zero;
        }

        if (!_seenDead.TryGetValue(member, out var since))
        {
            _seenDead[member] = since = now;
        }

        return now - since;
    }

    /// <summary>True when <paramref name="key"/> may be restarted now; counts the attempt.</summary>
    public bool MayRestart(string key)
    {
        var now = time.GetUtcNow();
        var (failures, notBefore) = _restarts.GetValueOrDefault(key);
        if (now < notBefore)
        {
            return false;
        }

        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures)));
        _restarts[key] = (failures + 1, now + backoff);
        return true;
    }

    /// <summary>The member runs (again): its next crash restarts without waiting.</summary>
    public void Running(string member) => _restarts.Remove(member);

    /// <summary>The member is gone: forget it.</summary>
    public void Forget(string member)
    {
        _restarts.Remove(member);
        _restarts.Remove(ProbeKey(member));
        _seenDead.Remove(member);
    }

    /// <summary>The restart key of a member's HealthProbes.</summary>
    public static string ProbeKey(string member) => "probe:" + member;
}
