namespace Resilience.ChaosSuite.Platform.Local;

/// <summary>Where the local platform's cluster lives; every property overrides the stack file's value.</summary>
internal sealed class LocalPlatformOptions
{
    /// <summary>Gets or sets the repository (stack files, HealthProbes sources).</summary>
    /// <value>Defaults to null: LocalCluster finds <c>Resilience.sln</c> above the current directory.</value>
    public string? RepoRoot { get; set; }

    /// <summary>Gets or sets the stack file LocalCluster's supervisor reads.</summary>
    /// <value>Defaults to null: <c>Pulumi.&lt;stack&gt;.yaml</c> in the repository.</value>
    public string? StackFilePath { get; set; }

    /// <summary>Gets or sets the state directory.</summary>
    /// <value>Defaults to null: the stack's <c>resilience:local.stateDir</c>, else <c>/var/tmp/resilience/&lt;stack&gt;</c>.</value>
    public string? StateDir { get; set; }

    /// <summary>Gets or sets the first port.</summary>
    /// <value>Defaults to null: the stack's <c>resilience:local.portBase</c>.</value>
    public int? PortBase { get; set; }

    /// <summary>Gets or sets how long starting the cluster may take before it is given up and stopped.</summary>
    /// <value>Defaults to 180 seconds.</value>
    public TimeSpan StartTimeout { get; set; } = LocalPlatformConstants.StartTimeout;

    /// <summary>Gets or sets how old the full status paired with fresh routing may be before an observation waits for a newer one.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan MaxStatusAge { get; set; } = LocalPlatformConstants.MaxStatusAge;

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
