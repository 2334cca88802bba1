using Resilience.ChaosSuite.Cli;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Cli;

public class ScorecardTests
{
    [Fact]
    public void Plain_scorecard_is_aligned_columns_without_escape_codes()
    {
        var text = Scorecard.Plain([.. Scorecard.Rows(SampleRuns.ReplicaFailure(missReplacement: true))]);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.StartsWith("scenario", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("replacementSeconds", StringComparison.Ordinal) && l.Contains("not reached", StringComparison.Ordinal) && l.EndsWith("NO", StringComparison.Ordinal));
        Assert.Single(lines.Select(l => l.IndexOf("met", StringComparison.Ordinal) >= 0 ? l.IndexOf("met", StringComparison.Ordinal) : -1).Where(i => i >= 0).Distinct());
        Assert.DoesNotContain('\u001b', text);
    }
}
