using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Internal.State;
using Resilience.Topology;

namespace Resilience.LocalCluster.Internal;

/// <summary>Everything about one stack that does not change while it runs: spec, paths, ports, tools, accounts.</summary>
internal sealed class ClusterEnvironment
{
    public ClusterEnvironment(StackSpec spec, StateLayout layout, PortPlan ports, UnixAccount? serviceAccount, TimeProvider time)
    {
        Spec = spec;
        Layout = layout;
        Ports = ports;
        ServiceAccount = serviceAccount;
        Time = time;
        Store = new StateStore(layout);
    }

    public StackSpec Spec { get; }
    public StateLayout Layout { get; }
    public StateStore Store { get; }
    public PortPlan Ports { get; }

    /// <summary>Who PostgreSQL and Patroni run as; null runs them as the current user.</summary>
    public UnixAccount? ServiceAccount { get; }

    public TimeProvider Time { get; }

    /// <summary>The group whose warm-up policy a member of <paramref name="group"/> uses (the writer's pseudo-group uses the first group's).</summary>
    public string PolicyGroupOf(string group) =>
        Spec.FindGroup(group)?.Name ?? Spec.ReplicaGroups.FirstOrDefault()?.Name ?? group;

    /// <summary>The databases created at bootstrap: the application's, every cell's and every warm-up policy's.</summary>
    public IReadOnlyList<string> Databases() =>
        new[] { Spec.Database.DatabaseName }
            .Concat(Spec.Cells.Select(c => c.Database))
            .Concat(Spec.ReplicaGroups.SelectMany(g => g.Warmup.Databases))
            .Where(d => d is not ("postgres" or "template0" or "template1"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Desired member counts at creation: the writer's own slot plus every group's desired count.</summary>
    public Dictionary<string, int> InitialDesired()
    {
        var desired = new Dictionary<string, int>(StringComparer.Ordinal) { [LocalClusterConstants.PrimaryGroup] = 1 };
        foreach (var g in Spec.ReplicaGroups)
        {
            desired[g.Name] = g.Size.Desired;
        }

        return desired;
    }

    /// <summary>The most members the spec allows.</summary>
    public int MaxMembers => 1 + Spec.ReplicaGroups.Sum(g => g.Size.Max);

    /// <summary>The stack's passwords (created with the state).</summary>
    public Secrets Secrets => Secrets.TryLoad(Layout) ?? throw new LocalClusterException($"secrets missing in {Layout.SecretsDir}; run down and up again");

    /// <summary>The environment of a stack that has state: spec from its stack file, ports and timing from <c>cluster.json</c>.</summary>
    public static ClusterEnvironment FromState(StateLayout layout, TimeProvider time)
    {
        var state = new StateStore(layout).TryLoad() ?? throw new LocalClusterException($"no cluster state in {layout.Root}");
        var spec = StackSpecLoader.Load(state.StackFile);
        var account = state.ServiceUser is { } user ? UnixAccount.Find(user) : null;
        return new ClusterEnvironment(spec, layout, new PortPlan(state.PortBase, state.SlotCount), account, time);
    }

    /// <summary>Makes <paramref name="path"/> owned by the service account (PostgreSQL and Patroni write there).</summary>
    public void GiveToServiceAccount(string path)
    {
        if (ServiceAccount is { } a)
        {
            Libc.ChangeOwner(path, a.Uid, a.Gid);
        }
    }
}
