using Resilience.HealthProbes.Probes;

namespace Resilience.HealthProbes.Tests.Probes;

public sealed class EndpointAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", 5432, "127.0.0.1", 5432, true)]
    [InlineData("localhost", 5432, "127.0.0.1", 5432, true)]
    [InlineData("::1", 5432, "127.0.0.1", 5432, true)]
    [InlineData("DB1.example", 5432, "db1.example", 5432, true)]
    [InlineData("127.0.0.1", 5432, "127.0.0.1", 5433, false)]
    [InlineData("10.0.0.1", 5432, "10.0.0.2", 5432, false)]
    [InlineData("db1", 5432, "10.0.0.1", 5432, false)]
    public void Compares_host_and_port(string hostA, int portA, string hostB, int portB, bool same) =>
        Assert.Equal(same, EndpointAddress.Same(hostA, portA, hostB, portB));
}
