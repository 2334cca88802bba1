namespace Resilience.ChaosSuite.Platform.Local;

internal static class LocalPlatformConstants
{
    public const string Kind = "local";

    /// <summary>Locally every member listens on its own port, so the port names the member that answered.</summary>
    public const string ServerIdentitySql = "inet_server_port()";

    public const string PrimaryGroup = "primary";

    public static readonly TimeSpan MaxStatusAge = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
}
