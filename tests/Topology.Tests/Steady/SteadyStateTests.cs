using Resilience.Topology.Steady;

namespace Resilience.Topology.Tests.Steady;

public class SteadyStateTests
{
    private static readonly SteadyMember Primary = new("p", IsPrimary: true, IsReplica: false, Running: true, "running", GateOpen: false, InReadEndpoint: false, InWriteEndpoint: true);

    private static SteadyMember Replica(string name) => new(name, IsPrimary: false, IsReplica: true, Running: true, "running", GateOpen: true, InReadEndpoint: true, InWriteEndpoint: false);

    [Fact]
    public void One_primary_and_warm_routed_replicas_at_the_desired_count_are_steady()
    {
        Assert.Empty(SteadyState.Reasons([Primary, Replica("r1"), Replica("r2")], [new("readers", 2, 2)]));
    }

    [Fact]
    public void A_group_above_its_desired_count_is_steady_only_for_a_caller_that_knows_just_the_spec()
    {
        SteadyMember[] members = [Primary, Replica("r1"), Replica("r2"), Replica("r3")];
        SteadyGroup[] groups = [new("readers", 3, 2)];

        Assert.Equal(["group readers: 3 of 2 members"], SteadyState.Reasons(members, groups));
        Assert.Empty(SteadyState.Reasons(members, groups, allowAboveDesired: true));
        Assert.Equal(["group readers: 1 of 2 members"], SteadyState.Reasons([Primary, Replica("r1")], [new("readers", 1, 2)], allowAboveDesired: true));
    }

    [Fact]
    public void Each_member_not_serving_in_its_role_is_named_with_why()
    {
        var reasons = SteadyState.Reasons(
            [
                Primary with { InWriteEndpoint = false },
                Replica("cold") with { GateOpen = false },
                Replica("unrouted") with { InReadEndpoint = false },
                Replica("writer-too") with { InWriteEndpoint = true },
                Replica("down") with { Running = false, State = "frozen" },
                Replica("odd") with { IsReplica = false },
            ],
            []);

        Assert.Equal(
            [
                "p: primary, not yet in the write endpoint", "cold: warm-up gate closed", "unrouted: gate open, not yet in the read endpoint",
                "writer-too: replica still in the write endpoint", "down: frozen", "odd: not a replica",
            ],
            reasons);
    }
}
