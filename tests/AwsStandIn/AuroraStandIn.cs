using System.Collections.Concurrent;
using System.Net;
using System.Text;

using Resilience.StandInShared;

namespace Resilience.AwsStandIn;

/// <summary>
/// A stateful stand-in for the RDS, FIS and CloudWatch operations the project calls, on a loopback
/// port: the same wire protocols as AWS (query/XML for RDS and CloudWatch, rest-json for FIS), so the
/// real client, and the real <c>aws</c> CLI, talk to it unchanged. It does not check signatures; tests
/// check those against botocore. Responses are checked against the botocore models by the tests.
/// </summary>
public sealed partial class AuroraStandIn : IAsyncDisposable
{
    private readonly LoopbackHttpServer _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly ConcurrentQueue<CapturedExchange> _exchanges = new();
    private readonly List<InjectedError> _errors = [];
    private int _experimentCounter;

    /// <summary>Starts serving on 127.0.0.1:<paramref name="port"/>.</summary>
    public AuroraStandIn(int port, string region = "eu-west-1", TimeProvider? time = null)
    {
        Region = region;
        Time = time ?? TimeProvider.System;
        _http = new LoopbackHttpServer(port, AnswerAsync);
    }

    /// <summary>The base URL to give as the endpoint URL.</summary>
    public Uri Url => _http.Url;

    /// <summary>The region the ARNs name.</summary>
    public string Region { get; }

    /// <summary>The clock of timestamps.</summary>
    public TimeProvider Time { get; }

    /// <summary>Guards every state change: handlers and tests take it.</summary>
    public object Gate { get; } = new();

    public List<StandInCluster> Clusters { get; } = [];

    public List<StandInTemplate> Templates { get; } = [];

    public List<StandInExperiment> Experiments { get; } = [];

    public List<StandInAlarm> Alarms { get; } = [];

    /// <summary>Every datum PutMetricData received, in order (take <see cref="Gate"/> to read it).</summary>
    public List<StandInMetric> Metrics { get; } = [];

    /// <summary>Called (outside the lock) when an experiment starts; it plays the fault and ends the experiment. Null: the experiment stays running.</summary>
    public Func<StandInExperiment, StandInTemplate, Task>? OnExperimentStarted { get; set; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>Answers the next <see cref="InjectedError.Times"/> calls of an operation with an error.</summary>
    public void InjectError(InjectedError error)
    {
        lock (Gate)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Every request with the answer it got, in order of answering.</summary>
    public IReadOnlyList<CapturedExchange> Exchanges => [.. _exchanges];

    /// <summary>Forgets the captured requests.</summary>
    public void ClearRequests()
    {
        _requests.Clear();
        _exchanges.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _http.DisposeAsync().ConfigureAwait(false);
        await AwaitActionsAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var body = await LoopbackHttpServer.ReadBodyAsync(request).ConfigureAwait(false);

        var path = request.Url!.AbsolutePath;
        var query = request.QueryString.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.QueryString[k] ?? "", StringComparer.Ordinal);
        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => request.Headers[k] ?? "", StringComparer.Ordinal);
        var form = request.HttpMethod == "POST" && path == "/" ? FormBody.Parse(body) : new Dictionary<string, string>();
        var operation = form.TryGetValue("Action", out var action) ? action : FisOperation(request.HttpMethod, path);
        var raw = request.RawUrl ?? path;
        var mark = raw.IndexOf('?', StringComparison.Ordinal);
        var captured = new CapturedRequest(operation, request.HttpMethod, path, query, headers, body)
        {
            RawPath = mark < 0 ? raw : raw[..mark],
            RawQuery = mark < 0 ? "" : raw[(mark + 1)..],
        };
        _requests.Enqueue(captured);

        Reply reply;
        try
        {
            reply = TakeError(operation) ?? Dispatch(operation, form, path, body);
        }
        catch (StandInFault fault)
        {
            reply = ErrorReply(operation, fault.Status, fault.Code, fault.Message);
        }

        if (reply.AfterReply is { } after)
        {
            _ = Task.Run(after);
        }

        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        _exchanges.Enqueue(new CapturedExchange(captured, reply.Status, reply.Body));
        await LoopbackHttpServer.ReplyAsync(context.Response, reply.Status, reply.ContentType, reply.Body).ConfigureAwait(false);
    }

    private Reply? TakeError(string operation)
    {
        lock (Gate)
        {
            var index = _errors.FindIndex(e => e.Operation == operation && e.Times > 0);
            if (index < 0)
            {
                return null;
            }

            var error = _errors[index];
            _errors[index] = error with { Times = error.Times - 1 };
            return ErrorReply(operation, error.Status, error.Code, error.Message);
        }
    }

    private Reply Dispatch(string operation, IReadOnlyDictionary<string, string> form, string path, string body)
    {
        if (form.TryGetValue("Version", out var version))
        {
            return version switch
            {
                RdsVersion => Rds(operation, form),
                CloudWatchVersion => CloudWatch(operation, form),
                _ => throw new StandInFault(400, "InvalidAction", $"unknown version {version}"),
            };
        }

        return Fis(operation, path, body);
    }

    private Reply ErrorReply(string operation, int status, string code, string message) =>
        IsFis(operation) ? FisError(status, code, message) : QueryError(operation, status, code, message);

    private static bool IsFis(string operation) => operation is "StartExperiment" or "GetExperiment" or "StopExperiment" or "ListExperiments" or "ListExperimentTemplates" or "GetExperimentTemplate" or "Unknown";

    /// <summary>What to answer.</summary>
    private sealed record Reply(int Status, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers, Func<Task>? AfterReply = null);

    /// <summary>An AWS error a handler answers with.</summary>
    private sealed class StandInFault(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public string Code { get; } = code;
    }
}
