using Resilience.ChaosSuite.Scenarios.PrimaryOverload;

namespace Resilience.ChaosSuite.Tests.Scenarios;

public class PrimaryOverloadOptionsTests
{
    [Fact]
    public void A_heavier_overload_multiplies_every_step_and_the_ceiling_and_ramps_on_past_the_alarm()
    {
        var twice = PrimaryOverloadOptions.Heavier(2);

        Assert.Equal(8, twice.Load.StartConnections);
        Assert.Equal(8, twice.Load.RampStep);
        Assert.Equal(80, twice.Load.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(2), twice.Load.RampInterval);
        Assert.False(twice.StopRampAtAlarm);
        Assert.Equal(80, twice.RampCeilingWithoutAlarm);
    }

    [Fact]
    public void Once_the_default_load_is_the_game_day_scenario()
    {
        var once = PrimaryOverloadOptions.Heavier(1);
        var defaults = new PrimaryOverloadOptions();

        Assert.Equal(defaults.Load.MaxConnections, once.Load.MaxConnections);
        Assert.Equal(defaults.StopRampAtAlarm, once.StopRampAtAlarm);
        Assert.Equal(defaults.RampCeilingWithoutAlarm, once.RampCeilingWithoutAlarm);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrimaryOverloadOptions.Heavier(0));
    }
}
