using Resilience.Bench.Planning;

namespace Resilience.Bench.Tests.Planning;

public sealed class RunPlanTests
{
    [Fact]
    public void Configurations_alternate_within_each_repetition_and_scenarios_interleave()
    {
        var plan = RunPlan.Alternating(["s", "t"], ["A", "B"], 2);

        Assert.Equal(
            ["s/A/1", "s/B/1", "t/A/1", "t/B/1", "s/A/2", "s/B/2", "t/A/2", "t/B/2"],
            plan.Select(p => $"{p.Scenario}/{p.Configuration}/{p.Repetition}"));
        Assert.Equal(Enumerable.Range(0, 8), plan.Select(p => p.Index));
    }

    [Fact]
    public void Each_scenario_sees_A_B_A_B()
    {
        var plan = RunPlan.Alternating(["s", "t", "u"], ["A", "B"], 5);

        foreach (var scenario in new[] { "s", "t", "u" })
        {
            var order = plan.Where(p => p.Scenario == scenario).Select(p => p.Configuration).ToList();
            Assert.Equal(10, order.Count);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? "A" : "B"), order);
        }
    }

    [Fact]
    public void Quick_is_one_pair_per_scenario()
    {
        var plan = RunPlan.Alternating(["s"], ["A", "B"], 1);

        Assert.Equal(2, plan.Count);
        Assert.All(plan, p => Assert.Equal(1, p.Repetition));
    }

    [Fact]
    public void Zero_runs_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunPlan.Alternating(["s"], ["A", "B"], 0));
    }

    [Fact]
    public void No_configuration_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RunPlan.Alternating(["s"], [], 1));
    }
}
