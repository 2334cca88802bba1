using System.Globalization;
using System.Xml.Linq;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Reports;

/// <summary>junit.xml: one test suite per scenario, one test case per judged target; an aborted scenario adds an error case.</summary>
internal static class JunitReport
{
    /// <summary>The report as JUnit XML.</summary>
    public static string Render(ReportModel report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suites = report.Scenarios.Select(Suite).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", $"chaos {report.Command} {report.Stack}"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
            new XAttribute("time", Seconds((report.EndedAt - report.StartedAt).TotalSeconds)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root;

        XElement Suite(ScenarioReport scenario)
        {
            var cases = scenario.Targets.Select(t => Case(scenario, t)).ToList();
            if (scenario.Outcome == "aborted")
            {
                cases.Add(new XElement("testcase",
                    new XAttribute("classname", ClassName(scenario)),
                    new XAttribute("name", "completes without a safety stop"),
                    new XAttribute("time", Seconds(scenario.DurationSeconds)),
                    new XElement("error", new XAttribute("message", scenario.AbortReason ?? "aborted"), scenario.AbortReason ?? "aborted")));
            }

            return new XElement("testsuite",
                new XAttribute("name", scenario.Name),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", scenario.Targets.Count(t => !t.Met)),
                new XAttribute("errors", scenario.Outcome == "aborted" ? 1 : 0),
                new XAttribute("time", Seconds(scenario.DurationSeconds)),
                new XAttribute("timestamp", scenario.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                cases);
        }

        string ClassName(ScenarioReport scenario) => $"chaos.{report.Stack}.{scenario.Name}";

        XElement Case(ScenarioReport scenario, TargetVerdict target)
        {
            var element = new XElement("testcase",
                new XAttribute("classname", ClassName(scenario)),
                new XAttribute("name", $"{target.Name} <= {Judge.Format(target.Name, target.Target)}"),
                new XAttribute("time", "0"));
            var measured = target.Measured is { } m ? Judge.Format(target.Name, m) : "not reached";
            element.Add(target.Met
                ? new XElement("system-out", $"measured {measured}")
                : new XElement("failure", new XAttribute("message", $"measured {measured}, target <= {Judge.Format(target.Name, target.Target)}"), target.Note ?? ""));
            return element;
        }
    }

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
