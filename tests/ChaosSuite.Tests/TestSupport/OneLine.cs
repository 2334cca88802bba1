namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>The project's rule for errors a user can cause: one line, saying what is wrong and what to do.</summary>
public static class OneLine
{
    /// <summary>Asserts that <paramref name="e"/>'s message is one line containing every one of <paramref name="mentions"/>.</summary>
    public static void Mentions(Exception e, params string[] mentions)
    {
        ArgumentNullException.ThrowIfNull(e);
        Assert.DoesNotContain('\n', e.Message);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, e.Message, StringComparison.Ordinal);
        }
    }
}
