using Resilience.ChaosSuite.Platform.Aws;
using Resilience.ChaosSuite.Platform.Kubernetes;

namespace Resilience.ChaosSuite.Tests.Platform;

/// <summary>Pins the cloud restore drills' documented defaults (docs/restore-drills.md): changing one must be a deliberate edit here and in its &lt;value&gt; doc.</summary>
public class RestoreOptionsDefaultsTests
{
    [Fact]
    public void Aurora_point_in_time_restore()
    {
        var o = new AuroraPointInTimeRestoreOptions();
        Assert.Equal(TimeSpan.FromSeconds(10), o.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), o.WindowWait);
        Assert.Equal(TimeSpan.FromMinutes(60), o.CreateTimeout);
        Assert.Equal(TimeSpan.FromMinutes(30), o.DeleteTimeout);
        Assert.True(o.CopyOnWrite);
    }

    [Fact]
    public void CloudNativePG_recovery()
    {
        var o = new CnpgPointInTimeRestoreOptions();
        Assert.Equal(TimeSpan.FromSeconds(5), o.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), o.ArchiveWait);
        Assert.Equal(TimeSpan.FromMinutes(60), o.CreateTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), o.DeleteTimeout);
    }
}
