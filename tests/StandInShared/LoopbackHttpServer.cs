using System.Net;
using System.Text;

namespace Resilience.StandInShared;

/// <summary>
/// The HTTP side every loopback stand-in shares: listens on 127.0.0.1:<c>port</c>, answers each request on its own
/// task with the stand-in's handler, and stops when disposed. Compiled into each stand-in (linked source, internal), so
/// the stand-ins stay independent libraries.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly Task _serving;

    /// <summary>Starts serving on 127.0.0.1:<paramref name="port"/>; <paramref name="answer"/> must close the response.</summary>
    public LoopbackHttpServer(int port, Func<HttpListenerContext, Task> answer)
    {
        _answer = answer;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The base URL clients are given.</summary>
    public Uri Url { get; }

    /// <summary>The request's body as text.</summary>
    public static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="body"/> as the whole response and closes it.</summary>
    public static async Task ReplyAsync(HttpListenerResponse response, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the pending accept.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => _answer(context));
        }
    }
}
