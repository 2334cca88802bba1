using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>A logger that keeps every line, so tests can hold what an operator would read.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Line)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Line)> Lines => [.. _lines];

    public IReadOnlyList<string> Matching(string text) => [.. _lines.Select(l => l.Line).Where(l => l.Contains(text, StringComparison.Ordinal))];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception)));
}
