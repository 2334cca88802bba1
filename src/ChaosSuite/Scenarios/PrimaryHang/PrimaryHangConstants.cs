namespace Resilience.ChaosSuite.Scenarios.PrimaryHang;

internal static class PrimaryHangConstants
{
    public const string Name = "primary-hang";

    public static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan HoldAfterFailover = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan RejoinTimeout = TimeSpan.FromSeconds(45);

    public static readonly TimeSpan WatchAfterRejoin = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);
}
