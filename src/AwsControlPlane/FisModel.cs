namespace Resilience.AwsControlPlane;

/// <summary>An experiment template as ListExperimentTemplates summarizes it.</summary>
public sealed record ExperimentTemplateSummary(string Id, string? Description, IReadOnlyDictionary<string, string> Tags);

/// <summary>An experiment template as GetExperimentTemplate reports it (the parts the suite checks).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Description">Its description.</param>
/// <param name="Tags">Its tags (the Pulumi program tags each template with its stack, cell and purpose).</param>
/// <param name="ActionIds">The action id of every action (<c>aws:rds:failover-db-cluster</c>...).</param>
/// <param name="Targets">Every target: resource type, ARNs, tags and selection mode.</param>
/// <param name="StopConditionAlarmArns">The alarm ARNs of its <c>aws:cloudwatch:alarm</c> stop conditions.</param>
public sealed record ExperimentTemplate(
    string Id,
    string? Description,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> ActionIds,
    IReadOnlyList<ExperimentTemplateTarget> Targets,
    IReadOnlyList<string> StopConditionAlarmArns);

/// <summary>One target of a template.</summary>
public sealed record ExperimentTemplateTarget(
    string Name,
    string ResourceType,
    IReadOnlyList<string> ResourceArns,
    IReadOnlyDictionary<string, string> ResourceTags,
    string? SelectionMode);

/// <summary>An experiment as StartExperiment, GetExperiment and StopExperiment report it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="TemplateId">The template it runs.</param>
/// <param name="Status">state.status.</param>
/// <param name="Reason">state.reason, when FIS gives one.</param>
/// <param name="StartTime">startTime, once started.</param>
/// <param name="EndTime">endTime, once ended.</param>
public sealed record Experiment(string Id, string? TemplateId, ExperimentStatus Status, string? Reason, DateTimeOffset? StartTime, DateTimeOffset? EndTime)
{
    /// <summary>True while the experiment may still inject (not completed, stopped or failed).</summary>
    public bool IsActive => Status is ExperimentStatus.Pending or ExperimentStatus.Initiating or ExperimentStatus.Running or ExperimentStatus.Stopping;
}

/// <summary>The FIS ExperimentStatus enum.</summary>
public enum ExperimentStatus
{
    /// <summary>A status this client does not know.</summary>
    Unknown,

    /// <summary><c>pending</c>.</summary>
    Pending,

    /// <summary><c>initiating</c>.</summary>
    Initiating,

    /// <summary><c>running</c>.</summary>
    Running,

    /// <summary><c>completed</c>.</summary>
    Completed,

    /// <summary><c>stopping</c>.</summary>
    Stopping,

    /// <summary><c>stopped</c>.</summary>
    Stopped,

    /// <summary><c>failed</c>.</summary>
    Failed,
}
