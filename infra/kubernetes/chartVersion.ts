/** Helm chart versions, compared by the program (a warning) and the policy pack (a violation). */

/** Compares dotted numeric versions (`0.22.1` < `0.24.0`); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split(".").map((p) => Number.parseInt(p, 10) || 0);
    const pb = b.split(".").map((p) => Number.parseInt(p, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}
