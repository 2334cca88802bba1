import { ALARM_DEFAULTS, DEFAULT_ALARMS } from "../defaults";
import { ALARM_METRICS, COMPARISONS, PERCENT_METRICS } from "../model";
import type { AlarmMetric, AlarmSpec, Comparison, Platform } from "../model";
import { Fields, atLeast, atMost, maxLength, oneOf, readList, rejectDuplicateNames, resourceName } from "../read";
import type { Rule } from "../read";

const PATH = "resilience:alarms";

/** CloudWatch accepts 10 s, 30 s (high resolution) or any multiple of 60 s. */
const cloudWatchPeriod: Rule<number> = (v) =>
    v === 10 || v === 30 || v % 60 === 0 ? undefined : `must be 10, 30 or a multiple of 60 on platform aws, got ${v}`;

export function readAlarms(raw: unknown, platform: Platform): readonly AlarmSpec[] {
    const alarms = readList(PATH, raw, DEFAULT_ALARMS, (path, item) => readAlarm(path, item, platform));
    rejectDuplicateNames(PATH, alarms.map((a) => a.name), "alarm");
    return alarms;
}

function readAlarm(path: string, raw: unknown, platform: Platform): AlarmSpec {
    const f = Fields.of(path, raw);
    // 255: the longest CloudWatch alarm name.
    const name = f.requiredString("name", resourceName, maxLength(255));
    const metric = f.requiredString("metric", oneOf(ALARM_METRICS)) as AlarmMetric;
    const comparison = f.string("comparison", ALARM_DEFAULTS.comparison, oneOf(COMPARISONS)) as Comparison;
    const thresholdRules = PERCENT_METRICS.includes(metric) ? [atLeast(0), atMost(100)] : [atLeast(0)];
    const threshold = f.requiredNumber("threshold", ...thresholdRules);
    const periodRules = platform === "aws" ? [atLeast(1), cloudWatchPeriod] : [atLeast(1)];
    const alarm: AlarmSpec = {
        name,
        metric,
        comparison,
        threshold,
        periodSeconds: f.integer("periodSeconds", ALARM_DEFAULTS.periodSeconds, ...periodRules),
        evaluationPeriods: f.integer("evaluationPeriods", ALARM_DEFAULTS.evaluationPeriods, atLeast(1)),
    };
    f.end();
    return alarm;
}
