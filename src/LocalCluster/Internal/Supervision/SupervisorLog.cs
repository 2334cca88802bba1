using Microsoft.Extensions.Logging;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>The supervisor's log lines (its own log, <c>logs/supervisor.log</c>); the domain events go to <c>events.jsonl</c> through <see cref="EventLog"/>.</summary>
internal static partial class SupervisorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Kind}{Member}: {Detail}")]
    public static partial void Event(ILogger logger, string kind, string member, string detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "another supervisor (pid {Pid}) runs this stack; exiting")]
    public static partial void AnotherSupervisor(ILogger logger, int pid);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "the stack's state is gone (down); exiting")]
    public static partial void StateGone(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "job {Job} failed ({Failures} in a row; next try in {RetryIn}): {Error}")]
    public static partial void JobFailed(ILogger logger, string job, int failures, TimeSpan retryIn, string error, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "job {Job} recovered after {Failures} failures")]
    public static partial void JobRecovered(ILogger logger, string job, int failures);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "supervisor pass failed ({Failures} in a row; next try in {RetryIn}): {Error}")]
    public static partial void PassFailed(ILogger logger, int failures, TimeSpan retryIn, string error, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "notifications.webhookUrl is a Pulumi secret, which LocalCluster cannot decrypt: alarm changes go to the alarm log only")]
    public static partial void WebhookIsSecret(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "alarm {Alarm}: {Metric} is not measured locally; it stays insufficientData")]
    public static partial void AlarmNotMeasured(ILogger logger, string alarm, string metric);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "alarm {Alarm}: {From} -> {To} ({Reason})")]
    public static partial void AlarmChanged(ILogger logger, string alarm, string from, string to, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "webhook {Url} answered {Status} for {Alarm} -> {To}")]
    public static partial void WebhookRefused(ILogger logger, Uri url, int status, string alarm, string to);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "webhook {Url} failed for {Alarm} -> {To}: {Error}")]
    public static partial void WebhookFailed(ILogger logger, Uri url, string alarm, string to, string error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "machine-loss watch failed (it keeps looking): {Error}")]
    public static partial void MachineLossWatchFailed(ILogger logger, string error, Exception exception);
}
