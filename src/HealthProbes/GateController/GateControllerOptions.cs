namespace Resilience.HealthProbes.GateController;

/// <summary>Default values of <see cref="GateControllerOptions"/>.</summary>
internal static class GateControllerConstants
{
    public const int PollIntervalMs = 1000;
    public const int ProbeTimeoutMs = 3000;
    public const int ControlPlaneIntervalMs = 5000;
    public const int MetricIntervalMs = 60_000;
    public const int WarmupRetryDelayMs = 10_000;
    public const int MaxControlPlaneBackoffMs = 60_000;

    /// <summary>Where the image keeps the RDS CA bundle (healthprobes.Dockerfile; infra/healthProbesContract.json image.rdsCaBundle).</summary>
    public const string RdsCaBundle = "/etc/ssl/rds/global-bundle.pem";
}

/// <summary>How the gate controller paces itself; the policy itself (minWarmSeconds, lag bound, grace) comes from the stack's replica groups.</summary>
internal sealed class GateControllerOptions
{
    /// <summary>Where the controller keeps its ledger (one file per cluster, 0600).</summary>
    /// <value>Required.</value>
    public required string StateDir { get; init; }

    /// <summary>How often every reader is observed over SQL and the gates re-evaluated.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(GateControllerConstants.PollIntervalMs);

    /// <summary>How long one reader's observation may take before it counts as not answering.</summary>
    /// <value>Defaults to 3 seconds (a reader across the VPC, with a TLS handshake).</value>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(GateControllerConstants.ProbeTimeoutMs);

    /// <summary>The least time between two reads of one cluster's control plane; the platform's own minimum wins when larger.</summary>
    /// <value>Defaults to 5 seconds: with three RDS Describe calls per read, 0.6 calls per second per cluster.</value>
    public TimeSpan ControlPlaneInterval { get; init; } = TimeSpan.FromMilliseconds(GateControllerConstants.ControlPlaneIntervalMs);

    /// <summary>How often the warm count is published when it does not change (a change is published at once).</summary>
    /// <value>Defaults to 60 seconds (CloudWatch's standard resolution).</value>
    public TimeSpan MetricInterval { get; init; } = TimeSpan.FromMilliseconds(GateControllerConstants.MetricIntervalMs);

    /// <summary>How long after a failed warm-up it is tried again.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan WarmupRetryDelay { get; init; } = TimeSpan.FromMilliseconds(GateControllerConstants.WarmupRetryDelayMs);

    /// <summary>The longest wait between control-plane reads after throttling (the wait doubles per throttled read).</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan MaxControlPlaneBackoff { get; init; } = TimeSpan.FromMilliseconds(GateControllerConstants.MaxControlPlaneBackoffMs);
}
