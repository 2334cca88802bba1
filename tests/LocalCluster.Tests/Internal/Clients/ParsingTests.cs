using Resilience.LocalCluster.Internal.Clients;

namespace Resilience.LocalCluster.Tests.Internal.Clients;

public class ParsingTests
{
    [Fact]
    public void Haproxy_show_stat_rows_become_server_states()
    {
        const string csv = """
            # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status
            writer,FRONTEND,,,0,1,4000,1,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,1,
            be_write,s0,0,0,3,3,,3,0,0,,0,,0,0,0,0,UP,1,1,0,0,0,10,0,,1,3,1,,3,,2,0,,1,L7OK
            be_write,s1,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1,1,0,1,1,10,10,,1,3,2,,0,,2,0,,0,L7STS
            be_read,s1,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP 1/2,1,1,0,1,1,10,10,,1,3,2,,0,,2,0,,0,L7STS
            be_write,BACKEND,0,0,3,3,400,3,0,0,0,0,,0,0,0,0,UP,1,1,0,,0,10,0,,1,3,0,,3,,1,0,,1,
            """;

        var servers = HaproxyRuntime.ParseStat(csv.Replace("\r", "", StringComparison.Ordinal));

        Assert.Equal(3, servers.Count);
        Assert.Equal(new HaproxyServerState("be_write", "s0", "UP", "L7OK", 3), servers[0]);
        Assert.True(servers[0].IsRouting);
        Assert.False(servers[1].IsRouting);
        Assert.True(servers[2].IsRouting); // UP with one failed check still takes connections
    }

    [Theory]
    [InlineData("no check", true, false)] // a write server the supervisor put in: routed
    [InlineData("MAINT", false, true)]
    [InlineData("MAINT (resolution)", false, true)]
    [InlineData("DOWN", false, false)]
    [InlineData("UP 1/2", true, false)]
    public void A_server_without_checks_routes_unless_in_maintenance(string status, bool routing, bool maintenance)
    {
        var server = new HaproxyServerState("be_write", "s0", status, "", 0);

        Assert.Equal(routing, server.IsRouting);
        Assert.Equal(maintenance, server.IsInMaintenance);
    }

    [Fact]
    public void Patroni_cluster_json_gives_roles_states_and_lag()
    {
        const string json = """
            {"members": [
              {"name": "primary-1", "role": "leader", "state": "running", "host": "127.0.0.1", "port": 25410, "timeline": 2},
              {"name": "readers-2", "role": "sync_standby", "state": "streaming", "timeline": 2, "lag": 0},
              {"name": "readers-3", "role": "replica", "state": "creating replica", "lag": "unknown"}
            ], "scope": "resilience-local"}
            """;

        var cluster = PatroniClient.ParseCluster(json)!;

        Assert.Equal("primary-1", cluster.Leader!.Name);
        Assert.True(cluster.Find("readers-2")!.IsSynchronous);
        Assert.True(cluster.Find("readers-2")!.IsRunning);
        Assert.Equal(0, cluster.Find("readers-2")!.LagBytes);
        Assert.False(cluster.Find("readers-3")!.IsRunning);
        Assert.Null(cluster.Find("readers-3")!.LagBytes);
        Assert.Null(PatroniClient.ParseCluster("not json"));
    }
}
