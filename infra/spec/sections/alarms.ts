import { ALARM_DEFAULTS, DEFAULT_ALARMS } from "../defaults";
import { ALARM_METRICS, COMPARISONS, PERCENT_METRICS } from "../model";
import type { AlarmMetric, AlarmSpec, Comparison, Platform } from "../model";
import { Fields, atLeast, atMost, oneOf, readList, resourceName, show } from "../read";
import type { Rule } from "../read";

const PATH = "resilience:alarms";
const FIELDS = ["name", "metric", "comparison", "threshold", "periodSeconds", "evaluationPeriods"] as const;

/** CloudWatch accepts 10 s, 30 s (high resolution) or any multiple of 60 s. */
const cloudWatchPeriod: Rule<number> = (v) =>
    v === 10 || v === 30 || v % 60 === 0 ? undefined : `must be 10, 30 or a multiple of 60 on platform aws, got ${v}`;

export function readAlarms(raw: unknown, platform: Platform): readonly AlarmSpec[] {
    const names: string[] = [];
    return readList(PATH, raw, DEFAULT_ALARMS, (path, item) => {
        const alarm = readAlarm(path, item, platform, names);
        names.push(alarm.name);
        return alarm;
    });
}

function readAlarm(path: string, raw: unknown, platform: Platform, earlierNames: readonly string[]): AlarmSpec {
    const f = Fields.of(path, raw, FIELDS);
    const name = f.requiredString("name", resourceName, (v) => (earlierNames.includes(v) ? `duplicate alarm name ${show(v)}` : undefined));
    const metric = f.requiredString("metric", oneOf(ALARM_METRICS)) as AlarmMetric;
    const comparison = f.string("comparison", ALARM_DEFAULTS.comparison, oneOf(COMPARISONS)) as Comparison;
    const thresholdRules = PERCENT_METRICS.includes(metric) ? [atLeast(0), atMost(100)] : [atLeast(0)];
    const threshold = f.requiredNumber("threshold", ...thresholdRules);
    const periodRules = platform === "aws" ? [atLeast(1), cloudWatchPeriod] : [atLeast(1)];
    return {
        name,
        metric,
        comparison,
        threshold,
        periodSeconds: f.integer("periodSeconds", ALARM_DEFAULTS.periodSeconds, ...periodRules),
        evaluationPeriods: f.integer("evaluationPeriods", ALARM_DEFAULTS.evaluationPeriods, atLeast(1)),
    };
}
