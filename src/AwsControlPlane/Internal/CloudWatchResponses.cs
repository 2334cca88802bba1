namespace Resilience.AwsControlPlane.Internal;

/// <summary>Reads CloudWatch query responses; member names are those of the CloudWatch 2010-08-01 model.</summary>
internal static class CloudWatchResponses
{
    public static (IReadOnlyList<MetricAlarm> Alarms, string? NextToken) DescribeAlarms(string body)
    {
        var result = XmlMembers.Result(body, "DescribeAlarms");
        var alarms = result.Items("MetricAlarms").Select(a => new MetricAlarm(
            a.Required("AlarmName"), a.Required("StateValue"), a.Text("StateReason"), a.Time("StateUpdatedTimestamp"), a.Text("AlarmArn")));
        return ([.. alarms], result.Text("NextToken"));
    }

    public static (IReadOnlyList<AlarmHistoryItem> Items, string? NextToken) DescribeAlarmHistory(string body)
    {
        var result = XmlMembers.Result(body, "DescribeAlarmHistory");
        var items = result.Items("AlarmHistoryItems").Select(h => new AlarmHistoryItem(
            h.Required("AlarmName"), h.Time("Timestamp") ?? throw new FormatException("AlarmHistoryItem has no Timestamp"), h.Required("HistoryItemType"), h.Text("HistorySummary")));
        return ([.. items], result.Text("NextToken"));
    }
}
