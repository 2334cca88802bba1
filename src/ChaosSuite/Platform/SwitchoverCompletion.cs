namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// When a cloud platform's planned switchover really happened: its control plane names the new primary (read no more
/// often than the platform declares) and the write endpoint answers from it (the fast routing read), not when the
/// control plane accepted the request.
/// </summary>
internal static class SwitchoverCompletion
{
    /// <summary>True once both say so, false when <paramref name="timeout"/> passed first.</summary>
    /// <param name="promoted">One control-plane read: does it name the target primary?</param>
    /// <param name="routed">One routing read: does the write endpoint answer from the target?</param>
    /// <param name="timeout">How long the switchover may take.</param>
    /// <param name="poll">How often the routing read is repeated.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Ctrl-C, SIGTERM.</param>
    public static async Task<bool> WaitAsync(
        Func<CancellationToken, Task<bool>> promoted, Func<CancellationToken, Task<bool>> routed, TimeSpan timeout, TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var named = false;
        while (time.GetElapsedTime(started) < timeout)
        {
            named = named || await promoted(cancellationToken);
            if (named && await routed(cancellationToken))
            {
                return true;
            }

            await Task.Delay(poll, time, cancellationToken);
        }

        return false;
    }
}
