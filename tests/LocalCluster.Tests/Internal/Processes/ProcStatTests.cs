using Resilience.LocalCluster.Internal.Processes;

namespace Resilience.LocalCluster.Tests.Internal.Processes;

public class ProcStatTests
{
    [Fact]
    public void Parses_a_stat_line_whose_command_has_spaces_and_parentheses()
    {
        const string line = "4242 (postgres: app (x)) S 1 4242 4242 0 -1 4194304 1000 0 0 0 150 25 7 3 20 0 1 0 987654 1000000 500 18446744073709551615 0 0 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";

        var stat = ProcStat.Parse(line)!;

        Assert.Equal(4242, stat.Pid);
        Assert.Equal("postgres: app (x)", stat.Command);
        Assert.Equal('S', stat.State);
        Assert.Equal(1, stat.ParentPid);
        Assert.Equal((150L, 25L, 7L, 3L), (stat.UserTicks, stat.SystemTicks, stat.ChildUserTicks, stat.ChildSystemTicks));
        Assert.Equal(185, stat.TotalTicks);
        Assert.Equal(987654, stat.StartTicks);
    }

    [Theory]
    [InlineData('Z', true, false)]
    [InlineData('T', false, true)]
    [InlineData('R', false, false)]
    public void State_letters_tell_exited_and_stopped(char state, bool exited, bool stopped)
    {
        var stat = ProcStat.Parse($"7 (x) {state} 1 7 7 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 55 0 0 0 0")!;

        Assert.Equal(exited, stat.HasExited);
        Assert.Equal(stopped, stat.IsStopped);
    }

    [Fact]
    public void Garbage_is_not_a_stat()
    {
        Assert.Null(ProcStat.Parse("not a stat line"));
    }

    [Fact]
    public void Our_own_process_is_alive_and_its_handle_round_trips()
    {
        var self = ProcessHandle.Of(Environment.ProcessId)!;

        Assert.True(self.IsAlive);
        Assert.Equal(self, ProcessHandle.Parse(self.ToString()));
        Assert.False((self with { StartTicks = self.StartTicks + 1 }).IsAlive);
    }

    [Fact]
    public void A_tree_holds_the_root_and_every_descendant_only()
    {
        var table = new[]
        {
            Stat(10, 1), Stat(11, 10), Stat(12, 11), Stat(20, 1), Stat(21, 20),
        };

        Assert.Equal([10, 11, 12], ProcFs.TreeOf([10], table).Select(p => p.Pid).Order());
    }

    private static ProcStat Stat(int pid, int parent) => new(pid, "x", 'S', parent, 0, 0, 0, 0, 1);
}
