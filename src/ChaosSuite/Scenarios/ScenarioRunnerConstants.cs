namespace Resilience.ChaosSuite.Scenarios;

internal static class ScenarioRunnerConstants
{
    public static readonly TimeSpan PreFault = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan PostRecovery = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(90);

    public static readonly TimeSpan LedgerTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan UnobservableStop = TimeSpan.FromSeconds(20);

    /// <summary>Why a run stopped when its token was cancelled: the CLIs cancel it on any of these signals.</summary>
    public const string Interrupted = "interrupted (Ctrl-C, SIGTERM or SIGHUP)";
}
