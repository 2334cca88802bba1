namespace Resilience.ChaosSuite.Gameday;

internal static class GamedayConstants
{
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(180);

    public static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(500);
}
