using System.ComponentModel.DataAnnotations;
using Resilience.Topology.Options;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Workload;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>What every scenario run shares: timing around the fault, the workload, sampling, the seed.</summary>
internal sealed class ScenarioRunnerOptions
{
    /// <summary>Gets or sets how long the workload runs in steady state before the fault (the chart's baseline).</summary>
    /// <value>Defaults to 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PreFault { get; set; } = ScenarioRunnerConstants.PreFault;

    /// <summary>Gets or sets how long the workload keeps running after the scenario and its rollback.</summary>
    /// <value>Defaults to 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PostRecovery { get; set; } = ScenarioRunnerConstants.PostRecovery;

    /// <summary>Gets or sets the longest a rollback may take.</summary>
    /// <value>Defaults to 90 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RollbackTimeout { get; set; } = ScenarioRunnerConstants.RollbackTimeout;

    /// <summary>Gets or sets the longest the ledger check may take.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LedgerTimeout { get; set; } = ScenarioRunnerConstants.LedgerTimeout;

    /// <summary>Gets or sets how often live counts are reported.</summary>
    /// <value>Defaults to 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ProgressInterval { get; set; } = ScenarioRunnerConstants.ProgressInterval;

    /// <summary>Gets or sets how long the platform may go unobserved before a safety stop.</summary>
    /// <value>Defaults to 20 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnobservableStop { get; set; } = ScenarioRunnerConstants.UnobservableStop;

    /// <summary>Gets or sets the seed of every random choice.</summary>
    /// <value>Defaults to 0.</value>
    public int Seed { get; set; }

    /// <summary>Gets or sets the workload.</summary>
    /// <value>Defaults to 50 writes/s and 200 reads/s.</value>
    [Required]
    [ValidateMembers]
    public WorkloadOptions Workload { get; set; } = new();

    /// <summary>Gets or sets the sampling.</summary>
    /// <value>Defaults to 20 Hz.</value>
    [Required]
    [ValidateMembers]
    public ClusterSamplerOptions Sampler { get; set; } = new();

    /// <summary>Gets or sets a hook that changes the client pipeline's options of every scenario.</summary>
    /// <value>Defaults to null.</value>
    public Action<DatabaseClientPipelineOptions>? ConfigurePipeline { get; set; }
}
