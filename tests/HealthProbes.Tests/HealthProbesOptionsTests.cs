using System.Net;

namespace Resilience.HealthProbes.Tests;

/// <summary>Pins every documented default of <see cref="HealthProbesOptions"/>.</summary>
public sealed class HealthProbesOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new HealthProbesOptions { StackFile = "s", Group = "g", PgDatabase = "d", PgUser = "u", StateDir = "/tmp" };

        Assert.Equal("127.0.0.1", options.PgHost);
        Assert.Equal(5432, options.PgPort);
        Assert.Null(options.PgPassword);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8098), options.Listen);
        Assert.Null(options.PatroniUrl);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ProbeTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollInterval);
        Assert.Null(options.DataDirectory);
    }

    [Fact]
    public void The_password_never_shows_in_the_options_text()
    {
        var options = new HealthProbesOptions { StackFile = "s", Group = "g", PgDatabase = "d", PgUser = "u", StateDir = "/tmp", PgPassword = "hunter2" };

        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_fails_when_the_host_is_built_naming_every_bad_member()
    {
        var options = new HealthProbesOptions
        {
            StackFile = "s", Group = "", PgDatabase = "d", PgUser = "u", StateDir = "/tmp",
            PgPort = 0, ProbeTimeout = TimeSpan.Zero, PollInterval = TimeSpan.FromHours(1),
        };
        var policy = new Topology.WarmupPolicy(null, ["app"], false, MaxReplayLagSeconds: 1, MinWarmSeconds: 2, LagGraceSeconds: 3, IoRateMbPerSecond: 0);

        var e = Assert.Throws<Topology.Options.OptionsValidationException>(() => HealthProbesHost.Build(options, "test", policy, TimeProvider.System));

        Assert.Equal(
            "HealthProbesOptions is invalid: Group is required; PgPort must be between 1 and 65535, got 0; "
            + "ProbeTimeout must be between 00:00:00.0100000 and 00:10:00, got 00:00:00; PollInterval must be between 00:00:00.0100000 and 00:10:00, got 01:00:00",
            e.Message);
    }
}
