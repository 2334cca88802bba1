namespace Resilience.ChaosSuite.Workload;

internal static class WorkloadConstants
{
    public const int WritesPerSecond = 50;

    public const int ReadsPerSecond = 200;

    public const int MaxInFlight = 128;

    public const int MaxPoolSize = 40;

    public const int ConnectTimeoutSeconds = 2;

    public const int CommandTimeoutSeconds = 10;

    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    public const string LedgerTable = "chaos_ledger";

    public const string ApplicationName = "chaos-workload";
}
