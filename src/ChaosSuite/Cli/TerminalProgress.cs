using System.Globalization;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Spectre.Console;

namespace Resilience.ChaosSuite.Cli;

/// <summary>
/// Progress on the terminal: one line per phase and finding, and live counts. On a terminal the counts
/// are one status line redrawn in place, with colours; otherwise (CI logs, pipes) plain lines, the counts
/// every few seconds.
/// </summary>
internal sealed class TerminalProgress : IRunProgress
{
    private const int PlainTickEvery = 5;
    private readonly TextWriter _out;
    private readonly bool _terminal;
    private readonly RunClock _clock;
    private readonly IAnsiConsole? _ansi;
    private readonly object _gate = new();
    private double _scenarioStart;
    private bool _statusShown;
    private int _ticks;

    public TerminalProgress(TextWriter output, bool terminal, RunClock clock)
    {
        _out = output;
        _terminal = terminal;
        _clock = clock;
        _ansi = terminal
            ? AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Out = new AnsiConsoleOutput(output) })
            : null;
    }

    public void ScenarioStarted(string scenario, int index, int count)
    {
        _scenarioStart = _clock.Now;
        Line($"== [{index}/{count}] {scenario}", "bold");
    }

    public void Phase(string scenario, PhaseMark mark) =>
        Line($"{Stamp(mark.At)} {mark.Name}{(mark.Detail is null ? "" : $": {mark.Detail}")}", mark.Name is PhaseNames.FaultInjected or PhaseNames.SafetyStop ? "red" : "blue");

    public void Info(string scenario, string message) => Line($"{Stamp(_clock.Now)} {message}", null);

    public void Tick(ProgressSnapshot snapshot)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Stamp(_clock.Now)} (since {snapshot.Phase}) writes {snapshot.AcknowledgedWrites} ok / {snapshot.FailedWrites} failed, reads {snapshot.Reads} ok / {snapshot.FailedReads} failed | {snapshot.Gates}");
        lock (_gate)
        {
            if (_terminal)
            {
                var width = Math.Max(40, SafeWidth() - 1);
                _out.Write("\r\u001b[2K" + (text.Length > width ? text[..width] : text));
                _out.Flush();
                _statusShown = true;
            }
            else if (_ticks++ % PlainTickEvery == 0)
            {
                _out.WriteLine(text);
            }
        }
    }

    public void ScenarioFinished(ScenarioResult result)
    {
        var met = result.Targets.Count(t => t.Met);
        var verdict = result.Outcome switch
        {
            ScenarioOutcome.Aborted => $"aborted: {result.AbortReason}",
            _ => $"{Reports.ReportModelBuilder.OutcomeName(result.Outcome)} ({met}/{result.Targets.Count} targets met)",
        };
        Line($"== {result.Name}: {verdict}", result.Outcome == ScenarioOutcome.Passed ? "green" : "red");
    }

    private string Stamp(double at) => string.Create(CultureInfo.InvariantCulture, $"[{at - _scenarioStart,6:0.0}s]");

    private void Line(string text, string? style)
    {
        lock (_gate)
        {
            if (_statusShown)
            {
                _out.Write("\r\u001b[2K");
                _statusShown = false;
            }

            if (_ansi is not null && style is not null)
            {
                _ansi.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
            }
            else
            {
                _out.WriteLine(text);
            }
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
