using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Tests.Internal.Config;

public sealed class SecretsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-secrets-").FullName;

    [Fact]
    public void Passwords_are_generated_once_and_stored_0600()
    {
        var layout = new StateLayout(_dir);

        var first = Secrets.LoadOrCreate(layout);
        var again = Secrets.LoadOrCreate(layout);

        Assert.Equal(first, again);
        Assert.Equal(32, first.App.Length);
        Assert.NotEqual(first.App, first.Superuser);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.Secret("app")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(layout.SecretsDir));
        Assert.Equal(first, Secrets.TryLoad(layout));
    }

    [Fact]
    public void Generated_passwords_need_no_quoting()
    {
        var password = Secrets.Generate();

        Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
    }

    [Fact]
    public void ToString_of_credentials_hides_the_password()
    {
        var credentials = new ClusterCredentials("app", "s3cret", "app");

        Assert.DoesNotContain("s3cret", credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password=s3cret", credentials.ConnectionString(new EndpointAddress("127.0.0.1", 25402)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
