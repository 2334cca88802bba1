using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Brings every group to its desired count: creates members (only while a primary runs, except the first), removes extras.</summary>
internal sealed class ReconcileJob(ClusterEnvironment env, Tools tools, MemberRemoval removal, EventLog events) : ISupervisorJob
{
    public string Name => "reconcile";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        var state = tick.State;
        var groups = state.DesiredByGroup.OrderBy(kv => kv.Key == LocalClusterConstants.PrimaryGroup ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        foreach (var (group, desired) in groups)
        {
            var active = state.Members.Where(m => m.Group == group && !m.Lost && !m.Removing).ToList();
            if (active.Count < desired)
            {
                // The first member of a new stack, or of a stack restored from its backups once every member was lost.
                var bootstrap = state.Members.Count == 0 && (state.NextMemberNumber == 1 || state.RestoreFromRepository);
                if (!bootstrap && tick.Leader is null)
                {
                    tick.Notes.Add(state.Members.Count == 0
                        ? $"every member is lost and none has data: restore the stack from its backups with: restore --cluster --stack {env.Spec.StackName} (or run down, then up: a new, empty stack)"
                        : $"group {group} has {active.Count} of {desired}: waiting for a running primary to copy from");
                    continue;
                }

                for (var i = active.Count; i < desired; i++)
                {
                    await CreateMemberAsync(group, bootstrap, ct);
                    if (bootstrap)
                    {
                        break; // the others copy from it once it leads
                    }
                }

                state = tick.Reload();
            }
            else if (active.Count > desired)
            {
                var victim = active.Where(m => m.Name != tick.Leader && !m.Frozen).OrderByDescending(m => m.CreatedAt).FirstOrDefault();
                if (victim is not null)
                {
                    await removal.RemoveExtraAsync(state, victim, ct);
                    state = tick.Reload();
                }
            }
        }
    }

    private async Task CreateMemberAsync(string group, bool bootstrap, CancellationToken ct)
    {
        var now = env.Time.GetUtcNow();
        var member = await env.Store.UpdateAsync(s =>
        {
            var used = s.Members.Select(m => m.Slot).ToHashSet();
            var slot = env.Ports.NextFreeSlot(s.LastSlot, used, SlotPortsFree)
                ?? throw new LocalClusterException($"no free member slot among {env.Ports.SlotCount} (ports {env.Ports.PortBase}-{env.Ports.LastPort})");
            var record = new MemberRecord { Name = $"{group}-{s.NextMemberNumber}", Group = group, Slot = slot, CreatedAt = now, Bootstrap = bootstrap, FromBackup = bootstrap && s.RestoreFromRepository };
            s.RestoreFromRepository = s.RestoreFromRepository && !bootstrap;
            s.NextMemberNumber++;
            s.LastSlot = slot;
            s.Members.Add(record);
            return record;
        }, ct);

        var current = env.Store.TryLoad()!;
        var host = new MemberHost(env, current);
        await removal.ForceDownAsync(current, member.Slot, ct);
        host.Prepare(member);
        var patroni = host.StartPatroni(member, tools.Patroni);
        var probe = host.StartProbe(member, tools.Dotnet);
        var ports = env.Ports.ForSlot(member.Slot);
        events.Record("member-created", member.Name, group,
            $"{(member.FromBackup ? "bootstraps the cluster from the backup repository" : bootstrap ? "bootstraps the cluster" : current.ReplicaSource == ReplicaSource.Repository ? "restores the newest backup, then catches up (pg_basebackup when it cannot)" : "copies from the primary")}; postgres {ports.Postgres}, patroni {ports.Patroni}, probe {ports.Probe}; patroni pid {patroni.Pid}{(probe is null ? "" : $", probe pid {probe.Pid}")}");
    }

    private bool SlotPortsFree(int slot) => env.Ports.SlotPortPurposes(slot).All(p => PortAvailability.IsFree(p.Port));
}
