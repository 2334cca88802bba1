namespace Resilience.AwsStandIn;

/// <summary>An Aurora cluster held by the stand-in; tests change its fields to play AWS's part.</summary>
public sealed class StandInCluster
{
    public required string Id { get; init; }
    public string Status { get; set; } = "available";
    public string WriterAddress { get; set; } = "127.0.0.1";
    public string ReaderAddress { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 5432;
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public List<StandInInstance> Instances { get; } = [];
    public List<StandInEndpoint> Endpoints { get; } = [];
    public bool PendingModification { get; set; }
    public string Arn(string region) => $"arn:aws:rds:{region}:123456789012:cluster:{Id}";
}

/// <summary>An instance of a stand-in cluster.</summary>
public sealed class StandInInstance
{
    public required string Id { get; init; }
    public string Status { get; set; } = "available";
    public string InstanceClass { get; set; } = "db.r6g.large";
    public string AvailabilityZone { get; set; } = "eu-west-1a";
    public string Address { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 5432;
    public DateTimeOffset CreateTime { get; set; } = DateTimeOffset.UnixEpoch;
    public string ResourceId { get; set; } = "db-" + Guid.NewGuid().ToString("N")[..26].ToUpperInvariant();
    public int PromotionTier { get; set; } = 1;
    public bool IsWriter { get; set; }
    public bool PendingModification { get; set; }
    public string Arn(string region) => $"arn:aws:rds:{region}:123456789012:db:{Id}";
}

/// <summary>A cluster endpoint (custom, or the built-in writer/reader ones).</summary>
public sealed class StandInEndpoint
{
    public required string Id { get; init; }
    public string Type { get; set; } = "CUSTOM";
    public string CustomType { get; set; } = "READER";
    public string Status { get; set; } = "available";
    public string Address { get; set; } = "127.0.0.1";
    public List<string> StaticMembers { get; } = [];
    public List<string> ExcludedMembers { get; } = [];
}

/// <summary>An FIS experiment template.</summary>
public sealed class StandInTemplate
{
    public required string Id { get; init; }
    public string Description { get; set; } = "";
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public required string ActionId { get; init; }
    public required string TargetResourceType { get; init; }
    public List<string> TargetArns { get; } = [];

    /// <summary>FIS's selectionMode: <c>ALL</c>, or <c>COUNT(n)</c> (n of the targets, chosen at random).</summary>
    public string SelectionMode { get; set; } = "ALL";

    public List<string> StopConditionAlarmArns { get; } = [];
}

/// <summary>An FIS experiment the stand-in started.</summary>
public sealed class StandInExperiment
{
    public required string Id { get; init; }
    public required string TemplateId { get; init; }
    public string Status { get; set; } = "initiating";
    public string? Reason { get; set; }
    public DateTimeOffset StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The resources its action really acted on (after the template's selection mode).</summary>
    public List<string> ResolvedTargetArns { get; } = [];
}

/// <summary>A CloudWatch metric alarm with its state history.</summary>
public sealed class StandInAlarm
{
    public required string Name { get; init; }
    public string State { get; private set; } = "OK";
    public string Reason { get; private set; } = "Threshold Crossed: no datapoints";
    public DateTimeOffset Updated { get; private set; } = DateTimeOffset.UnixEpoch;
    public List<(DateTimeOffset At, string Summary)> History { get; } = [];
    public string Arn(string region) => $"arn:aws:cloudwatch:{region}:123456789012:alarm:{Name}";

    /// <summary>Moves the alarm to <paramref name="state"/> and records the change as CloudWatch does.</summary>
    public void SetState(string state, string reason, DateTimeOffset at)
    {
        if (state != State)
        {
            History.Add((at, $"Alarm updated from {State} to {state}"));
        }

        State = state;
        Reason = reason;
        Updated = at;
    }
}

/// <summary>One datum CloudWatch PutMetricData received.</summary>
public sealed record StandInMetric(string Namespace, string Name, IReadOnlyDictionary<string, string> Dimensions, double Value, string? Unit, DateTimeOffset Timestamp);

/// <summary>An error the stand-in answers to the next calls of one operation.</summary>
/// <param name="Operation">The operation (e.g. <c>DescribeDBClusters</c>, <c>StartExperiment</c>).</param>
/// <param name="Times">How many calls get it.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The AWS error code.</param>
/// <param name="Message">The error message.</param>
public sealed record InjectedError(string Operation, int Times, int Status, string Code, string Message);

/// <summary>A request as the stand-in received it.</summary>
public sealed record CapturedRequest(string Operation, string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The path as sent (percent-encoding kept), for SigV4's canonical URI.</summary>
    public string RawPath { get; init; } = Path;

    /// <summary>The query string as sent, without '?'.</summary>
    public string RawQuery { get; init; } = "";

    /// <summary>The form parameters of a query-protocol request (POST to /); empty for rest-json.</summary>
    public IReadOnlyDictionary<string, string> Form => Method == "POST" && Path == "/" ? FormBody.Parse(Body) : new Dictionary<string, string>();
}

/// <summary>A request and the answer the stand-in gave.</summary>
public sealed record CapturedExchange(CapturedRequest Request, int Status, string ResponseBody);
