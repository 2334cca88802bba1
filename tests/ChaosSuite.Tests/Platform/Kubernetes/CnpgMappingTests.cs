using System.Text.Json;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>The pure halves of the Kubernetes adapter: a Cluster's status, pods to members, the guard, Prometheus's alerts.</summary>
public sealed class CnpgMappingTests
{
    private static readonly StackSpec Spec = StackSpecLoader.LoadStack(Stacks.RepoRoot, "k8s-staging");
    private static readonly Dictionary<string, string> WarmSelector = new()
    {
        ["cnpg.io/cluster"] = "pg-default",
        ["cnpg.io/instanceRole"] = "replica",
        ["resilience.dev/warm"] = "true",
    };

    [Fact]
    public void TheNamesAreTheProgramsForTheStacksCellAndNamespace()
    {
        var names = CnpgNames.Of(Spec, Spec.Cells[0], null);
        Assert.Equal(("databases", "pg-default", "pg-default-rw", "pg-default-warm-readers", "pg-default-ro", "pg-default-app"),
            (names.Namespace, names.Cluster, names.WriteService, names.ReadService, names.FallbackReadService, names.AppSecret));
        Assert.Equal("cnpg.io/cluster=pg-default,cnpg.io/podRole=instance", names.PodSelector);
        Assert.Equal("staging-db", CnpgNames.Of(Spec, Spec.Cells[0], "staging-db").Namespace);
    }

    [Fact]
    public void AClustersStatusIsReadAsTheOperatorWritesIt()
    {
        var state = CnpgClusterState.Parse(Cluster(phase: "Failing over", ready: 2, primary: "pg-default-2", target: "pg-default-2", failed: ["pg-default-1"], timeline: 3));
        Assert.Equal("pg-default", state.Name);
        Assert.Equal(3, state.Instances);
        Assert.Equal("Failing over", state.Phase);
        Assert.Equal("pg-default-2", state.CurrentPrimary);
        Assert.Equal(2, state.ReadyInstances);
        Assert.Equal(3, state.TimelineId);
        Assert.Equal(["pg-default-1"], state.FailedInstances);
        Assert.Equal("default", state.Labels["resilience.dev/cell"]);
    }

    [Fact]
    public void AnObjectWithoutSpecInstancesIsNotACluster()
    {
        using var json = JsonDocument.Parse("""{"metadata":{"name":"pg-default"},"spec":{}}""");
        Assert.Contains("spec.instances", Assert.Throws<PlatformException>(() => CnpgClusterState.Parse(json.RootElement)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MembersTakeTheirRoleFromCurrentPrimaryTheirGateFromTheWarmLabelAndRoutingFromTheServiceSelector()
    {
        var read = new CnpgControlPlaneRead(State(), [
            Pod("pg-default-1", role: "primary"),
            Pod("pg-default-2", warm: true),
            Pod("pg-default-3", warm: false),
            Pod("pg-default-4", warm: true, ready: false)], []);
        var members = CnpgMembers.Map(Spec, read, WarmSelector, writeAnswer: "10.0.0.1:5432");

        var primary = Assert.Single(members, m => m.Role == MemberRole.Primary);
        Assert.Equal(("pg-default-1", true, true, (string?)null), (primary.Name, primary.InWriteEndpoint, primary.GateOpen, primary.Group));
        var replicas = members.Where(m => m.Role == MemberRole.Replica).ToDictionary(m => m.Name);
        Assert.True(replicas["pg-default-2"].GateOpen && replicas["pg-default-2"].InReadEndpoint);
        Assert.False(replicas["pg-default-3"].GateOpen || replicas["pg-default-3"].InReadEndpoint);
        Assert.Equal(MemberHealth.Starting, replicas["pg-default-4"].Health);
        Assert.False(replicas["pg-default-4"].InReadEndpoint);
        Assert.Equal("10.0.0.2:5432", replicas["pg-default-2"].ServerIdentity);
        Assert.Equal(new DatabaseEndpoint("10.0.0.2", 5432), replicas["pg-default-2"].DirectEndpoint);
        Assert.Equal("uid-pg-default-2", replicas["pg-default-2"].Incarnation);
    }

    [Fact]
    public void ReplicasFillTheGroupsInSerialOrderAndAScaleOutJoinsTheAutoscaledGroup()
    {
        var read = new CnpgControlPlaneRead(State(primary: "pg-default-2"), [Pod("pg-default-5"), Pod("pg-default-1"), Pod("pg-default-2"), Pod("pg-default-3")], []);
        var members = CnpgMembers.Map(Spec, read, WarmSelector, null);
        Assert.Equal(["pg-default-1", "pg-default-2", "pg-default-3", "pg-default-5"], members.Select(m => m.Name));
        Assert.All(members.Where(m => m.Role == MemberRole.Replica), m => Assert.Equal("readers", m.Group));
        Assert.Equal(3, members.Count(m => m.Role == MemberRole.Replica));
        Assert.All(members, m => Assert.False(m.InWriteEndpoint));
    }

    [Fact]
    public void ADeletingOrFailedPodIsDown()
    {
        var read = new CnpgControlPlaneRead(State(failed: ["pg-default-3"]), [Pod("pg-default-1", role: "primary"), Pod("pg-default-2", deleting: true), Pod("pg-default-3")], []);
        var members = CnpgMembers.Map(Spec, read, WarmSelector, null).ToDictionary(m => m.Name);
        Assert.Equal(MemberHealth.Down, members["pg-default-2"].Health);
        Assert.Equal(MemberHealth.Down, members["pg-default-3"].Health);
        Assert.False(members["pg-default-2"].InReadEndpoint);
    }

    [Fact]
    public void AlarmsAreInAlarmOnlyWhileTheirAlertFires()
    {
        var read = new CnpgControlPlaneRead(State(), [], ["primary-cpu-high"]);
        var alarms = CnpgMembers.Alarms(Spec, read).ToDictionary(a => a.Name, a => a.State);
        Assert.Equal(AlarmState.Alarm, alarms["primary-cpu-high"]);
        Assert.Equal(AlarmState.Ok, alarms["connections-high"]);
        Assert.Equal(Spec.Alarms.Count, alarms.Count);
    }

    [Theory]
    [InlineData("phase", "phase 'Creating a new replica'")]
    [InlineData("ready", "2 of 3 instances ready")]
    [InlineData("failed", "instance pg-default-3 of Cluster pg-default is failed")]
    [InlineData("pod", "pod pg-default-3 is not ready")]
    [InlineData("deleting", "pod pg-default-2 is being deleted")]
    public void TheGuardWantsAHealthyPhaseAndEveryInstanceReady(string what, string says)
    {
        var read = what switch
        {
            "phase" => Healthy() with { Cluster = State(phase: "Creating a new replica") },
            "ready" => Healthy() with { Cluster = State(ready: 2) },
            "failed" => Healthy() with { Cluster = State(failed: ["pg-default-3"]) },
            "pod" => Healthy() with { Instances = [Pod("pg-default-1", role: "primary"), Pod("pg-default-2"), Pod("pg-default-3", ready: false)] },
            _ => Healthy() with { Instances = [Pod("pg-default-1", role: "primary"), Pod("pg-default-2", deleting: true), Pod("pg-default-3")] },
        };
        Assert.Contains(says, read.Unsettled(new HashSet<string>()), StringComparison.Ordinal);
        Assert.Null(Healthy().Unsettled(new HashSet<string>()));
    }

    [Fact]
    public void TheGuardLetsTheSecondFaultOfADoubleFaultThroughButNotAThirdUnreadyInstance()
    {
        var afterFirst = new CnpgControlPlaneRead(State(phase: "Creating a new replica", ready: 2), [Pod("pg-default-1", role: "primary"), Pod("pg-default-2", deleting: true), Pod("pg-default-3")], []);
        Assert.NotNull(afterFirst.Unsettled(new HashSet<string>()));
        Assert.Null(afterFirst.Unsettled(new HashSet<string> { "pg-default-2" }));
        var another = afterFirst with { Instances = [Pod("pg-default-1", role: "primary"), Pod("pg-default-2", deleting: true), Pod("pg-default-3", ready: false)] };
        Assert.Contains("pg-default-3", another.Unsettled(new HashSet<string> { "pg-default-2" }), StringComparison.Ordinal);
    }

    [Fact]
    public void PrometheusAlertsCountOnlyFiringAlertsOfTheCluster()
    {
        const string body = """
            {"status":"success","data":{"alerts":[
              {"labels":{"alertname":"primary-cpu-high","cluster":"pg-default","severity":"page"},"state":"firing","activeAt":"2026-11-30T10:00:00Z","value":"9.1e+01"},
              {"labels":{"alertname":"connections-high","cluster":"pg-default"},"state":"pending","activeAt":"2026-11-30T10:00:00Z","value":"1.9e+02"},
              {"labels":{"alertname":"reader-cpu-high","cluster":"pg-other"},"state":"firing","activeAt":"2026-11-30T10:00:00Z","value":"8e+01"}]}}
            """;
        Assert.Equal(["primary-cpu-high"], PrometheusAlerts.Parse(body, "pg-default", new Uri("http://prometheus:9090/")));
    }

    [Theory]
    [InlineData("""{"status":"error","errorType":"bad_data"}""")]
    [InlineData("<html>login</html>")]
    public void AnAnswerThatIsNotPrometheussIsOneLine(string body)
    {
        var e = Assert.Throws<PlatformException>(() => PrometheusAlerts.Parse(body, "pg-default", new Uri("http://prometheus:9090/")));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("http://prometheus:9090/", e.Message, StringComparison.Ordinal);
    }

    private static CnpgControlPlaneRead Healthy() =>
        new(State(), [Pod("pg-default-1", role: "primary"), Pod("pg-default-2"), Pod("pg-default-3")], []);

    private static CnpgClusterState State(string phase = CnpgClusterState.HealthyPhase, int ready = 3, string primary = "pg-default-1", IReadOnlyList<string>? failed = null) =>
        CnpgClusterState.Parse(Cluster(phase, ready, primary, primary, failed ?? [], 1));

    private static JsonElement Cluster(string phase, int ready, string primary, string target, IReadOnlyList<string> failed, int timeline)
    {
        var status = new Dictionary<string, object>
        {
            ["phase"] = phase,
            ["readyInstances"] = ready,
            ["instances"] = 3,
            ["currentPrimary"] = primary,
            ["targetPrimary"] = target,
            ["timelineID"] = timeline,
            ["instancesStatus"] = new Dictionary<string, object> { ["healthy"] = new[] { primary }, ["failed"] = failed },
        };
        return JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["apiVersion"] = "postgresql.cnpg.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "pg-default", ["labels"] = new Dictionary<string, string> { ["resilience.dev/cell"] = "default" } },
            ["spec"] = new Dictionary<string, object> { ["instances"] = 3 },
            ["status"] = status,
        });
    }

    private static CnpgInstance Pod(string name, string role = "replica", bool warm = true, bool ready = true, bool deleting = false)
    {
        var labels = new Dictionary<string, string> { ["cnpg.io/cluster"] = "pg-default", ["cnpg.io/instanceRole"] = role };
        if (warm && role == "replica")
        {
            labels["resilience.dev/warm"] = "true";
        }

        var serial = name[(name.LastIndexOf('-') + 1)..];
        return new CnpgInstance(name, $"uid-{name}", labels, ready, deleting, "Running", $"10.0.0.{serial}", 5432, [name]);
    }
}
