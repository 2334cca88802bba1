namespace Resilience.HealthProbes.Probes;

/// <summary>Counters and the probe-latency histogram behind <c>/metrics</c>; thread-safe.</summary>
internal sealed class ProbeMetrics
{
    /// <summary>Upper bounds (seconds) of the observation-duration histogram.</summary>
    public static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Lock _lock = new();
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private long _count;
    private double _sum;
    private long _failures;

    public void RecordObservation(TimeSpan duration, bool answered)
    {
        var seconds = duration.TotalSeconds;
        lock (_lock)
        {
            _count++;
            _sum += seconds;
            if (!answered)
            {
                _failures++;
            }

            for (var i = 0; i < Buckets.Length; i++)
            {
                if (seconds <= Buckets[i])
                {
                    _bucketCounts[i]++;
                }
            }
        }
    }

    public (long Count, double Sum, long Failures, long[] CumulativeBuckets) Read()
    {
        lock (_lock)
        {
            return (_count, _sum, _failures, (long[])_bucketCounts.Clone());
        }
    }
}
