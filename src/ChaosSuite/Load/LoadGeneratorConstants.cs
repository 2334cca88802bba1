namespace Resilience.ChaosSuite.Load;

internal static class LoadGeneratorConstants
{
    public const int ClientAddresses = 32;

    public const int FirstAddress = 2;

    public const int StartConnections = 4;

    public const int RampStep = 4;

    public static readonly TimeSpan RampInterval = TimeSpan.FromSeconds(2);

    public const int MaxConnections = 40;

    public const double ReadShare = 0.25;

    public const int RowsPerQuery = 300_000;

    public const string ApplicationName = "chaos-load";
}
