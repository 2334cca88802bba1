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
}
