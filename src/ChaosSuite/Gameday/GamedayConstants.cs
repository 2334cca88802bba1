namespace Resilience.ChaosSuite.Gameday;

internal static class GamedayConstants
{
    public static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(500);
}
