namespace Resilience.HealthProbes.GateController;

/// <summary>
/// Spaces the calls of one process to a rate-limited control plane (RDS Describe* and Modify* share an account-wide
/// budget: about one call per second at most, as the AWS platform issue states), across every cluster it serves.
/// </summary>
internal sealed class ControlPlanePacer(TimeSpan minimumSpacing, TimeProvider time)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long? _last;

    public TimeSpan MinimumSpacing => minimumSpacing;

    /// <summary>Runs <paramref name="call"/> once its turn has come: at least <see cref="MinimumSpacing"/> after the previous call started.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && time.GetElapsedTime(last) is var since && since < minimumSpacing)
            {
                await Task.Delay(minimumSpacing - since, time, cancellationToken).ConfigureAwait(false);
            }

            _last = time.GetTimestamp();
        }
        finally
        {
            _turn.Release();
        }

        return await call().ConfigureAwait(false);
    }
}
