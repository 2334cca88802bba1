using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Resilience.LocalCluster.Internal;
using Resilience.Topology;

namespace Resilience.LocalCluster.Cli;

/// <summary>The verbs and their options.</summary>
internal static class CliCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly Option<string> Stack = new("--stack") { Description = "Stack name: Pulumi.<stack>.yaml in the repository", DefaultValueFactory = _ => "local", Recursive = true };
    private static readonly Option<string?> StackFile = new("--stack-file") { Description = "Path of the stack file (instead of --stack)", Recursive = true };
    private static readonly Option<string?> StateDir = new("--state-dir") { Description = "State directory (default: resilience:local.stateDir, else /var/tmp/resilience/<stack>)", Recursive = true };
    private static readonly Option<int?> PortBase = new("--port-base") { Description = "First port (default: resilience:local.portBase)", Recursive = true };

    public static RootCommand Build(CancellationToken interrupt)
    {
        var root = new RootCommand("LocalCluster: the stack's local realization (PostgreSQL + Patroni + etcd + HAProxy + HealthProbes on loopback, with a healing supervisor).");
        root.Add(Stack);
        root.Add(StackFile);
        root.Add(StateDir);
        root.Add(PortBase);
        root.Add(Up(interrupt));
        root.Add(Down(interrupt));
        root.Add(Status(interrupt));
        root.Add(MemberVerb("kill", "Machine loss: SIGKILL the member's whole process tree and delete its data directory", (c, m, ct) => c.KillMemberAsync(m, ct), "killed", interrupt));
        root.Add(MemberVerb("freeze", "A hung machine: SIGSTOP every process of the member", (c, m, ct) => c.FreezeMemberAsync(m, ct), "frozen", interrupt));
        root.Add(MemberVerb("thaw", "Resume a frozen member (SIGCONT)", (c, m, ct) => c.ThawMemberAsync(m, ct), "thawed", interrupt));
        root.Add(Scale(interrupt));
        root.Add(Failover(interrupt));
        root.Add(Switchover(interrupt));
        root.Add(Degrade(interrupt));
        BackupCommands.AddTo(root, interrupt);
        root.Add(Supervise(interrupt));
        return root;
    }

    private static Command Up(CancellationToken interrupt)
    {
        var baseline = new Option<bool>("--baseline-timing") { Description = "Patroni's default timing (ttl 30, loop_wait 10, retry_timeout 10) and HAProxy's sample checks (3 s, fall 3, rise 2)" };
        var ttl = new Option<int?>("--ttl") { Description = "Patroni ttl, seconds" };
        var loopWait = new Option<int?>("--loop-wait") { Description = "Patroni loop_wait, seconds" };
        var retryTimeout = new Option<int?>("--retry-timeout") { Description = "Patroni retry_timeout, seconds" };
        var checkMs = new Option<int?>("--check-interval-ms") { Description = "HAProxy health check interval, milliseconds" };
        var fall = new Option<int?>("--fall") { Description = "HAProxy checks failed before a server is DOWN" };
        var rise = new Option<int?>("--rise") { Description = "HAProxy checks passed before a server is UP" };
        var patroniOnly = new Option<bool>("--patroni-failover-only") { Description = "Leave a lost primary's leader lock to Patroni's ttl (implied by --baseline-timing)" };
        var syncStandbys = new Option<int?>("--synchronous-standbys") { Description = "Patroni synchronous_node_count (default: 2 when the spec allows two or more replicas, else 1)" };
        var patroniWriteCheck = new Option<bool>("--patroni-write-check") { Description = "Route writes by HAProxy's check of Patroni's /primary instead of the leader lock (implied by --baseline-timing)" };
        var noProbes = new Option<bool>("--no-healthprobes") { Description = "Gate reads on Patroni's /replica?lag=1MB instead of HealthProbes" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for steady state", DefaultValueFactory = _ => 120 };
        var command = new Command("up", "Start the stack (or report it, when it runs) and wait until steady: primary up, every group at its desired count, every replica warm")
        {
            baseline, ttl, loopWait, retryTimeout, checkMs, fall, rise, patroniOnly, patroniWriteCheck, syncStandbys, noProbes, timeout,
        };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var spec = LoadSpec(parse);
            var patroni = parse.GetValue(baseline) ? LocalClusterOptions.PatroniDefaultTiming : spec.Local.Patroni;
            patroni = new PatroniTiming(parse.GetValue(ttl) ?? patroni.TtlSeconds, parse.GetValue(loopWait) ?? patroni.LoopWaitSeconds, parse.GetValue(retryTimeout) ?? patroni.RetryTimeoutSeconds);
            var haproxy = parse.GetValue(baseline) ? LocalClusterOptions.HaproxySampleTiming : spec.Local.Haproxy;
            haproxy = new HaproxyTiming(parse.GetValue(checkMs) ?? haproxy.CheckIntervalMs, parse.GetValue(fall) ?? haproxy.Fall, parse.GetValue(rise) ?? haproxy.Rise);
            if (TimingProblem(patroni, haproxy) is { } problem)
            {
                throw new LocalClusterException(problem, LocalClusterException.BadInput);
            }

            if (parse.GetValue(syncStandbys) is < 1 and var badCount)
            {
                throw new LocalClusterException($"--synchronous-standbys must be >= 1, got {badCount}", LocalClusterException.BadInput);
            }

            var options = Options(parse);
            options.SynchronousStandbys = parse.GetValue(syncStandbys);
            options.PatroniTiming = patroni == spec.Local.Patroni ? null : patroni;
            options.HaproxyTiming = haproxy == spec.Local.Haproxy ? null : haproxy;
            options.UseHealthProbes = !parse.GetValue(noProbes);
            options.FastFailoverOnMachineLoss = !parse.GetValue(baseline) && !parse.GetValue(patroniOnly);
            options.WriteEndpointFromLeaderKey = !parse.GetValue(baseline) && !parse.GetValue(patroniWriteCheck);
            options.SteadyTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout));
            var controller = LocalClusterController.Create(spec, options);
            var started = TimeProvider.System.GetTimestamp();
            var status = await controller.UpAsync(interrupt);
            Console.WriteLine($"stack {spec.StackName} steady after {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s");
            StatusTable.Write(Console.Out, status);
            var credentials = controller.GetCredentials();
            Console.WriteLine($"connect: host 127.0.0.1, user {credentials.User}, database {credentials.Database}, password in {Path.Combine(controller.StateDir, "secrets", "app.password")}");
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Down(CancellationToken interrupt)
    {
        var keep = new Option<bool>("--keep") { Description = "Keep the state (data, secrets, logs); the next up restarts the same members" };
        var command = new Command("down", "Stop every process of the stack (by the pids in its state directory); remove its state unless --keep") { keep };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(LoadSpec(parse), Options(parse));
            await controller.DownAsync(parse.GetValue(keep), interrupt);
            Console.WriteLine(parse.GetValue(keep)
                ? $"stack {controller.Spec.StackName} stopped; state kept in {controller.StateDir}"
                : $"stack {controller.Spec.StackName} stopped; no process or port left, state removed");
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Status(CancellationToken interrupt)
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable JSON" };
        var command = new Command("status", "Members (role, state, lag, gate, ports, pids), endpoints, alarms and log files") { json };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(LoadSpec(parse), Options(parse));
            var status = await controller.GetStatusAsync(interrupt);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(status, Json));
            }
            else
            {
                StatusTable.Write(Console.Out, status);
                StatusTable.WriteLogs(Console.Out, status);
            }

            return 0;
        }, interrupt));
        return command;
    }

    private static Command MemberVerb(string name, string description, Func<LocalClusterController, string, CancellationToken, Task> act, string done, CancellationToken interrupt)
    {
        var member = new Argument<string>("member") { Description = "Member name, as status shows it" };
        var command = new Command(name, description) { member };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(LoadSpec(parse), Options(parse));
            var target = parse.GetValue(member)!;
            await act(controller, target, interrupt);
            Console.WriteLine($"{target} {done}");
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Scale(CancellationToken interrupt)
    {
        var group = new Argument<string>("group") { Description = "Replica group name" };
        var count = new Argument<int>("count") { Description = "Desired member count, within the group's min..max" };
        var command = new Command("scale", "Set a group's desired count and wait until it has that many warm members") { group, count };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(LoadSpec(parse), Options(parse));
            var status = await controller.ScaleAsync(parse.GetValue(group)!, parse.GetValue(count), interrupt);
            StatusTable.Write(Console.Out, status);
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Failover(CancellationToken interrupt)
    {
        var to = new Option<string>("--to") { Description = "The member to promote (status names the best candidate)", Required = true };
        var accept = new Option<bool>("--accept-data-loss") { Description = "Accept losing the acknowledged writes the member did not receive" };
        var command = new Command("failover", "When no primary runs and no safe candidate is left (a double fault): promote a member, accepting the data it lacks") { to, accept };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(LoadSpec(parse), Options(parse));
            var accepted = await controller.FailoverAsync(parse.GetValue(to)!, parse.GetValue(accept), interrupt);
            Console.WriteLine(accepted.Describe());
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Switchover(CancellationToken interrupt)
    {
        var to = new Option<string>("--to") { Description = "The warm synchronous standby to hand over to (default: the least lagged one)" };
        var command = new Command("switchover", "Planned change of primary to a warm synchronous standby (the runbook for a primary on a sick host)") { to };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(LoadSpec(parse), Options(parse));
            var done = await controller.SwitchoverAsync(parse.GetValue(to), interrupt);
            Console.WriteLine(done.Describe());
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Degrade(CancellationToken interrupt)
    {
        var defaults = new CpuStarvation();
        var member = new Argument<string>("member") { Description = "Member name, as status shows it" };
        var cap = new Option<double>("--cap") { Description = "CPU cap while starved, as a share of one core", DefaultValueFactory = _ => defaults.ShareOfOneCore };
        var starved = new Option<double>("--starved") { Description = "Seconds each starved spell lasts", DefaultValueFactory = _ => defaults.Starved.TotalSeconds };
        var every = new Option<double>("--every") { Description = "Seconds of one cycle (a starved spell, then uncapped)", DefaultValueFactory = _ => defaults.Cycle.TotalSeconds };
        var duration = new Option<double?>("--for") { Description = "Seconds to keep it up (default: until Ctrl-C or SIGTERM)" };
        var command = new Command("degrade", "A sick host: starve the member's processes of CPU in spells (a CPU cgroup) until Ctrl-C, then lift it") { member, cap, starved, every, duration };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(LoadSpec(parse), Options(parse));
            var pattern = new CpuStarvation
            {
                ShareOfOneCore = parse.GetValue(cap),
                Starved = TimeSpan.FromSeconds(parse.GetValue(starved)),
                Cycle = TimeSpan.FromSeconds(parse.GetValue(every)),
            };
            using var until = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
            if (parse.GetValue(duration) is { } seconds)
            {
                until.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            var target = parse.GetValue(member)!;
            await controller.DegradeMemberAsync(target, pattern, until.Token);
            Console.WriteLine($"{target}: CPU cap lifted");
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Supervise(CancellationToken interrupt)
    {
        var command = new Command("supervise", "Run the supervisor of a stack's state directory (started by up)") { Hidden = true };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var stateDir = parse.GetValue(StateDir) ?? throw new LocalClusterException("supervise needs --state-dir", LocalClusterException.BadInput);
            return await LocalClusterController.SuperviseAsync(stateDir, interrupt);
        }, interrupt));
        return command;
    }

    internal static StackSpec LoadSpec(ParseResult parse) =>
        parse.GetValue(StackFile) is { } file
            ? StackSpecLoader.Load(file)
            : StackSpecLoader.LoadStack(RepoLocator.Find(), parse.GetValue(Stack)!);

    internal static LocalClusterOptions Options(ParseResult parse) => new()
    {
        StackFilePath = parse.GetValue(StackFile) is { } f ? Path.GetFullPath(f) : null,
        StateDir = parse.GetValue(StateDir),
        PortBase = parse.GetValue(PortBase),
        Progress = Console.Out,
    };

    /// <summary>The timing rules of <see cref="PatroniTiming"/> and <see cref="HaproxyTiming"/> (the spec reader applies the same), worded for the CLI's options.</summary>
    internal static string? TimingProblem(PatroniTiming p, HaproxyTiming h) =>
        p.LoopWaitSeconds < PatroniTiming.MinimumSeconds || p.RetryTimeoutSeconds < PatroniTiming.MinimumSeconds
            ? $"Patroni loop_wait and retry_timeout must be >= {PatroniTiming.MinimumSeconds}, got {p.LoopWaitSeconds} and {p.RetryTimeoutSeconds}"
        : p.TtlSeconds < p.MinimumTtlSeconds ? $"Patroni ttl {p.TtlSeconds} is below loop_wait + 2 x retry_timeout = {p.MinimumTtlSeconds}"
        : h.CheckIntervalMs is < HaproxyTiming.MinCheckIntervalMs or > HaproxyTiming.MaxCheckIntervalMs
            ? $"HAProxy check interval must be {HaproxyTiming.MinCheckIntervalMs} to {HaproxyTiming.MaxCheckIntervalMs} ms, got {h.CheckIntervalMs}"
        : h.Fall < HaproxyTiming.MinimumChecks || h.Rise < HaproxyTiming.MinimumChecks
            ? $"HAProxy fall and rise must be >= {HaproxyTiming.MinimumChecks}, got {h.Fall} and {h.Rise}"
        : null;
}
