using System.Net;
using System.Text;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>Answers <c>GET /cluster</c> like Patroni's REST API, with a leader the test sets (or an error status).</summary>
internal sealed class FakePatroni : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private volatile string _body = """{"members":[]}""";
    private volatile int _status = 200;

    public FakePatroni()
    {
        Port = TestPorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public void Leader(string name, int port, int replicaPort)
    {
        _status = 200;
        _body = $$"""
            {"members": [
              {"name": "{{name}}", "role": "leader", "state": "running", "host": "127.0.0.1", "port": {{port}}, "timeline": 1},
              {"name": "r1", "role": "replica", "state": "streaming", "host": "127.0.0.1", "port": {{replicaPort}}, "timeline": 1, "lag": 0}
            ], "scope": "test"}
            """;
    }

    public void Fail(int status) => _status = status;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(_body);
            context.Response.StatusCode = context.Request.Url?.AbsolutePath == "/cluster" ? _status : 404;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
