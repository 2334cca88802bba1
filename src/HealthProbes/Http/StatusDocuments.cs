using Resilience.HealthProbes.Probes;

namespace Resilience.HealthProbes.Http;

/// <summary>Builds the <c>/status</c> document from the latest snapshot.</summary>
internal static class StatusDocuments
{
    public static StatusDocument Build(MemberContext context)
    {
        var snapshot = context.Member.Latest;
        var sample = snapshot?.Sample;
        var clock = context.Clock;
        var gate = context.Gate.State;
        var warmup = context.Warmup.View;
        var policy = context.Policy;
        var options = context.Options;
        var live = context.Live();
        var primary = context.Primary();
        var ready = context.Ready();
        return new StatusDocument(
            context.Stack,
            context.Group,
            $"{options.PgHost}:{options.PgPort}",
            options.PgDatabase,
            snapshot is null ? null : clock.ToUtc(snapshot.ObservedAt),
            snapshot is null ? null : Math.Round(snapshot.Duration.TotalMilliseconds, 2),
            sample is not null,
            snapshot?.DatabaseProblem,
            (snapshot?.Role ?? Gate.MemberRole.Unknown).ToString().ToLowerInvariant(),
            sample?.Timeline,
            new StreamingStatus(sample?.WalReceiverStatus, sample?.Sender, snapshot?.Leader?.ToString(), Camel(snapshot?.LeaderCheck.ToString() ?? "notChecked"), snapshot?.LeaderDetail),
            new ReplayLagStatus(sample?.LagBytes, snapshot?.LagSeconds is { } s ? Math.Round(s, 3) : null, sample?.ReplayPaused, sample?.ReceiveLsn, sample?.ReplayLsn),
            new WarmupStatus(
                Camel(warmup.Phase.ToString()),
                warmup.Summary,
                Math.Round(warmup.Ratio * 100, 1),
                warmup.BytesDone,
                warmup.BytesTotal,
                warmup.RelationsDone,
                warmup.RelationsTotal,
                warmup.Current,
                warmup.StartedAt,
                warmup.CompletedAt,
                warmup.DurationSeconds is { } d ? Math.Round(d, 3) : null,
                warmup.BytesPerSecond is { } bps ? Math.Round(bps / 1e6, 1) : null,
                warmup.Restored,
                warmup.Error,
                warmup.Skipped,
                warmup.Identity,
                context.Store.FilePath),
            new GateStatus(
                ready.Ok,
                ready.Reason,
                clock.ToUtc(gate.ChangedAt),
                gate.HealthySince is { } h ? clock.ToUtc(h) : null,
                gate.LagExceededSince is { } l ? clock.ToUtc(l) : null,
                context.Gate.Transitions),
            new ProbesStatus(new(live.Ok, live.Reason), new(primary.Ok, primary.Reason), new(ready.Ok, ready.Reason)),
            sample?.BufferCacheHitRatio is { } ratio ? Math.Round(ratio, 4) : null,
            new PolicyStatus(
                policy.Relations is null ? "all" : string.Join(", ", policy.Relations),
                policy.Databases,
                policy.FullStorageRead,
                policy.MaxReplayLagSeconds,
                policy.MinWarmSeconds,
                policy.LagGraceSeconds,
                policy.IoRateMbPerSecond));
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
