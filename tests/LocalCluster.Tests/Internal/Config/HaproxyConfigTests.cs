using Resilience.LocalCluster.Internal;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Config;

public class HaproxyConfigTests
{
    private static HaproxyConfig Config(string gate = LocalClusterConstants.GateHealthProbes, int checkMs = 250, bool writeFromLeaderKey = false) => new(
        new PortPlan(25400, 8),
        new HaproxyTiming(checkMs, 2, 1),
        gate,
        "/s/haproxy/admin.sock",
        "/s/haproxy/servers.state",
        "writer",
        "warm-readers",
        writeFromLeaderKey);

    [Fact]
    public void Write_backend_checks_patroni_primary_and_cuts_sessions_of_a_demoted_primary()
    {
        var cfg = Config().Render();
        var write = Section(cfg, "backend be_write");

        Assert.Contains("option httpchk GET /primary", write, StringComparison.Ordinal);
        Assert.Contains("on-marked-down shutdown-sessions", write, StringComparison.Ordinal);
        Assert.Contains("server s0 127.0.0.1:25410 check port 25411", write, StringComparison.Ordinal);
        Assert.Contains("bind 127.0.0.1:25402", cfg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_backend_that_follows_the_leader_lock_has_no_check_and_starts_every_server_in_maintenance()
    {
        var config = Config(writeFromLeaderKey: true);
        var write = Section(config.Render(), "backend be_write");

        Assert.DoesNotContain("httpchk", write, StringComparison.Ordinal);
        Assert.DoesNotContain(" check", write, StringComparison.Ordinal);
        Assert.Contains("server s0 127.0.0.1:25410 disabled", write, StringComparison.Ordinal);
        Assert.Contains("server s7 127.0.0.1:25431 disabled", write, StringComparison.Ordinal);

        // The read backend keeps its checks; only its servers are in the state file (DOWN until checked).
        Assert.Contains("server s0 127.0.0.1:25410 check port 25412", Section(config.Render(), "backend be_read"), StringComparison.Ordinal);
        var rows = config.RenderDownServerState().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(l => l.Split(' ')).ToList();
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.Equal("be_read", r[1]));
    }

    [Fact]
    public void Read_backend_round_robins_over_open_warm_up_gates()
    {
        var read = Section(Config().Render(), "backend be_read");

        Assert.Contains("balance roundrobin", read, StringComparison.Ordinal);
        Assert.Contains("option httpchk GET /health/ready", read, StringComparison.Ordinal);
        Assert.Contains("server s0 127.0.0.1:25410 check port 25412", read, StringComparison.Ordinal);
        Assert.Contains("on-marked-down shutdown-sessions", read, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_healthprobes_the_read_gate_is_patroni_replica_with_a_lag_bound()
    {
        var read = Section(Config(LocalClusterConstants.GatePatroni).Render(), "backend be_read");

        Assert.Contains("option httpchk GET /replica?lag=1MB", read, StringComparison.Ordinal);
        Assert.Contains("server s0 127.0.0.1:25410 check port 25411", read, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_slot_has_a_server_in_both_backends_so_new_members_join_without_a_reload()
    {
        var cfg = Config().Render();

        for (var slot = 0; slot < 8; slot++)
        {
            Assert.Contains($"  server s{slot} ", Section(cfg, "backend be_write"), StringComparison.Ordinal);
            Assert.Contains($"  server s{slot} ", Section(cfg, "backend be_read"), StringComparison.Ordinal);
        }

        Assert.Contains("stats socket /s/haproxy/admin.sock mode 600 level admin", cfg, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_timing_follows_the_spec_with_a_floor_on_the_check_timeout()
    {
        var cfg = Config(checkMs: 250).Render();

        Assert.Contains("default-server inter 250 fastinter 250 downinter 250 fall 2 rise 1", cfg, StringComparison.Ordinal);
        Assert.Contains("timeout check 1000ms", cfg, StringComparison.Ordinal);
        Assert.Contains("timeout check 3000ms", Config(checkMs: 3000).Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Server_state_file_starts_every_server_down()
    {
        var state = Config().RenderDownServerState().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("1", state[0]);
        var rows = state.Skip(2).Select(l => l.Split(' ')).ToList();
        Assert.Equal(16, rows.Count);
        Assert.All(rows, r => Assert.Equal("0", r[5])); // srv_op_state 0 = stopped (DOWN)
        Assert.Contains(rows, r => r[1] == "be_read" && r[3] == "s7" && r[18] == "25431" && r[21] == "25433");
    }

    [Theory]
    [InlineData("s0", 0)]
    [InlineData("s12", 12)]
    [InlineData("BACKEND", null)]
    [InlineData("sx", null)]
    public void Server_names_map_back_to_slots(string server, int? slot)
    {
        Assert.Equal(slot, HaproxyConfig.SlotOf(server));
    }

    private static string Section(string cfg, string header)
    {
        var start = cfg.IndexOf("\n" + header + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{header}'");
        var end = cfg.IndexOf("\n\n", start, StringComparison.Ordinal);
        return end < 0 ? cfg[start..] : cfg[start..end];
    }
}
