using Resilience.LocalCluster.Internal.Ports;

namespace Resilience.LocalCluster.Tests.Internal.Ports;

public class PortPlanTests
{
    [Fact]
    public void Fixed_ports_come_first_then_three_per_slot()
    {
        var plan = new PortPlan(25400, 8);

        Assert.Equal(25400, plan.EtcdClient);
        Assert.Equal(25401, plan.EtcdPeer);
        Assert.Equal(25402, plan.Write);
        Assert.Equal(25403, plan.Read);
        Assert.Equal(new MemberPorts(25410, 25411, 25412), plan.ForSlot(0));
        Assert.Equal(new MemberPorts(25431, 25432, 25433), plan.ForSlot(7));
        Assert.Equal(25433, plan.LastPort);
    }

    [Fact]
    public void No_two_purposes_share_a_port()
    {
        var plan = new PortPlan(27000, 8);
        var all = plan.FixedPortPurposes().Concat(Enumerable.Range(0, 8).SelectMany(plan.SlotPortPurposes)).Select(p => p.Port).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, p => Assert.InRange(p, plan.PortBase, plan.LastPort));
    }

    [Fact]
    public void Slot_outside_the_plan_is_refused()
    {
        var plan = new PortPlan(27000, 8);

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.ForSlot(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.ForSlot(-1));
    }

    [Fact]
    public void Next_slot_rotates_past_the_last_one_so_a_replacement_gets_new_ports()
    {
        var plan = new PortPlan(27000, 8);

        // Slot 1 was just freed by a lost member; the replacement must not take it back.
        Assert.Equal(3, plan.NextFreeSlot(lastSlot: 2, used: new HashSet<int> { 0, 2 }, _ => true));
    }

    [Fact]
    public void Next_slot_wraps_and_skips_used_slots_and_busy_ports()
    {
        var plan = new PortPlan(27000, 4);

        Assert.Equal(1, plan.NextFreeSlot(lastSlot: 3, used: new HashSet<int> { 0 }, _ => true));
        Assert.Equal(2, plan.NextFreeSlot(lastSlot: 3, used: new HashSet<int> { 0 }, slot => slot != 1));
        Assert.Null(plan.NextFreeSlot(lastSlot: 0, used: new HashSet<int> { 0, 1, 2, 3 }, _ => true));
    }

    [Fact]
    public void First_slot_of_a_new_stack_is_zero()
    {
        Assert.Equal(0, new PortPlan(27000, 8).NextFreeSlot(lastSlot: -1, used: new HashSet<int>(), _ => true));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(4, 8)]
    [InlineData(7, 14)]
    public void Slot_count_is_twice_the_maximum_members_but_at_least_eight(int maxMembers, int expected)
    {
        Assert.Equal(expected, PortPlan.SlotCountFor(maxMembers));
    }

    [Fact]
    public void A_plan_past_port_65535_names_the_key_to_change()
    {
        var problem = new PortPlan(65520, 8).Validate();

        Assert.NotNull(problem);
        Assert.Contains("65520-65553", problem, StringComparison.Ordinal);
        Assert.Contains("resilience:local.portBase", problem, StringComparison.Ordinal);
        Assert.Null(new PortPlan(25400, 8).Validate());
    }
}
