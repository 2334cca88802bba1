using Resilience.LocalCluster.Internal;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration.Backup;

/// <summary>
/// <c>restore --cluster</c> after a cluster loss that left an orphan (port base 31450, the restore helper's range): a
/// member the supervisor started in the moment the dying primary still led, which copies from no one and never gets
/// data. Made here as the race leaves it (a record in the state, Patroni and HealthProbes running on a folder without
/// PG_VERSION); the restore must stop and remove it, then bring the stack back from its backups.
/// </summary>
[Collection(BackupPortsCollection.Name)]
public sealed class RestoreClusterOrphanTests(ITestOutputHelper output)
{
    private const int PortBase = 31450;

    [Fact]
    public async Task An_orphan_member_left_by_the_loss_is_stopped_and_removed_and_the_restored_stack_serves_the_backed_up_rows()
    {
        string stackFile = null!;
        var stateDir = SharedClusterFixture.StateDirFor(PortBase);
        await TemporaryStack.RunAsync("orphantest", PortBase, yaml => yaml, options =>
        {
            options.AutomaticBackups = false;
            stackFile = options.StackFilePath!;
        }, output, async controller =>
        {
            await controller.UpAsync();
            await Sql.ExecuteAsync(Sql.App(controller, controller.WriteEndpoint), "CREATE TABLE before_loss (id int PRIMARY KEY); INSERT INTO before_loss SELECT g FROM generate_series(1, 100) g");
            await controller.BackupAsync();

            // Every member lost at once, as the cluster-loss fault does it.
            var members = (await controller.GetStatusAsync()).Members.Select(m => m.Name).ToList();
            await Task.WhenAll(members.Select(m => controller.KillMemberAsync(m)));
            var (orphan, ports, processes) = await StartOrphanAsync(stateDir);
            var orphanRoot = new StateLayout(stateDir).Member(orphan.Name).Root;
            await Poll.UntilAsync(() => Task.FromResult(StackProcesses.ListeningPorts(ports.Patroni, ports.Patroni).Count == 1), TimeSpan.FromSeconds(60), $"the orphan {orphan.Name}'s Patroni listening");
            Assert.False(File.Exists(Path.Combine(orphanRoot, "data", "PG_VERSION")));
            Assert.Null((await controller.GetStatusAsync()).Primary);
            output.WriteLine($"orphan {orphan.Name} in slot {orphan.Slot}: ports {ports.Postgres}/{ports.Patroni}/{ports.Probe}, pids {string.Join(", ", processes.Select(p => p.Pid))}");

            var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(420), "restore", "--cluster", "--timeout", "360", "--stack-file", stackFile, "--state-dir", stateDir);
            output.WriteLine(result.Stdout + result.Stderr);
            Assert.True(result.ExitCode == 0, $"restore --cluster exited {result.ExitCode}: {result.Stderr}");
            Assert.Contains($"stopped {orphan.Name}: started after the loss", result.Stdout, StringComparison.Ordinal);

            // The orphan is gone: its processes, its ports, its folder and its record.
            Assert.All(processes, p => Assert.False(p.IsAlive, $"orphan process {p.Pid} still runs"));
            Assert.Empty(StackProcesses.Running(orphanRoot));
            Assert.Empty(new[] { ports.Postgres, ports.Patroni, ports.Probe }.Intersect(StackProcesses.ListeningPorts(ports.Postgres, ports.Probe)));
            Assert.False(Directory.Exists(orphanRoot), $"the orphan's folder {orphanRoot} is left");
            var status = await controller.GetStatusAsync();
            Assert.DoesNotContain(status.Members, m => m.Name == orphan.Name);

            // The restored stack serves what the backup held, and takes writes.
            Assert.NotNull(status.Primary);
            Assert.Equal(100L, await Sql.ScalarAsync<long>(Sql.App(controller, controller.WriteEndpoint), "SELECT count(*) FROM before_loss"));
            await Sql.ExecuteAsync(Sql.App(controller, controller.WriteEndpoint), "INSERT INTO before_loss VALUES (101)");
        });

        Assert.Empty(StackProcesses.Running(stateDir));
    }

    /// <summary>
    /// A member as the supervisor's reconcile job creates it (next number and slot, Patroni and HealthProbes started on a
    /// prepared folder) while no primary runs: it waits for a leader to copy from that never comes.
    /// </summary>
    private static async Task<(MemberRecord Member, MemberPorts Ports, IReadOnlyList<ProcessHandle> Processes)> StartOrphanAsync(string stateDir)
    {
        var env = ClusterEnvironment.FromState(new StateLayout(stateDir), TimeProvider.System);
        var group = env.Spec.ReplicaGroups[0].Name;
        var loaded = env.Store.TryLoad()!;
        var slot = env.Ports.NextFreeSlot(loaded.LastSlot, loaded.Members.Select(m => m.Slot).ToHashSet(),
            s => env.Ports.SlotPortPurposes(s).All(p => PortAvailability.IsFree(p.Port)))!.Value;
        var member = new MemberRecord { Name = $"{group}-{loaded.NextMemberNumber}", Group = group, Slot = slot, CreatedAt = DateTimeOffset.UtcNow };

        // Started before the record is saved, so the supervisor never sees it without its processes (it would remove it as lost).
        var host = new MemberHost(env, loaded);
        host.Prepare(member);
        var tools = Tools.Locate(env.Spec.Database.EngineVersion) with { PgBinDir = loaded.PgBinDir };
        List<ProcessHandle> processes = [host.StartPatroni(member, tools.Patroni)];
        if (host.StartProbe(member, tools.Dotnet) is { } probe)
        {
            processes.Add(probe);
        }

        await env.Store.UpdateAsync(s =>
        {
            s.NextMemberNumber++;
            s.LastSlot = slot;
            s.Members.Add(member);
            return true;
        }, CancellationToken.None);
        return (member, env.Ports.ForSlot(slot), processes);
    }
}
