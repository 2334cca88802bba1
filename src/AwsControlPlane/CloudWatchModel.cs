namespace Resilience.AwsControlPlane;

/// <summary>A metric alarm as DescribeAlarms reports it.</summary>
/// <param name="Name">AlarmName.</param>
/// <param name="State">StateValue: <c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c>.</param>
/// <param name="StateReason">StateReason.</param>
/// <param name="StateUpdated">StateUpdatedTimestamp.</param>
/// <param name="Arn">AlarmArn.</param>
public sealed record MetricAlarm(string Name, string State, string? StateReason, DateTimeOffset? StateUpdated, string? Arn);

/// <summary>One entry of DescribeAlarmHistory.</summary>
/// <param name="AlarmName">AlarmName.</param>
/// <param name="Timestamp">Timestamp.</param>
/// <param name="ItemType">HistoryItemType (<c>StateUpdate</c>, <c>ConfigurationUpdate</c>, <c>Action</c>).</param>
/// <param name="Summary">HistorySummary, e.g. "Alarm updated from OK to ALARM".</param>
public sealed record AlarmHistoryItem(string AlarmName, DateTimeOffset Timestamp, string ItemType, string? Summary);
