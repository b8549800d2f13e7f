/**
 * The three snapshot windows of a run (CONTRACT.md): `beforeRule` = the 3 months before
 * `ruleStartMonth`, `afterRule` = the 3 months from it (the shock), `end` = the last 3 months (the new
 * market). Windows are clipped to the reported months, so a rule starting in month 1 has a one-month
 * `beforeRule` and one starting in month 0 an empty one (every run NaN there, so n = 0).
 */
export const SNAPSHOTS = ['beforeRule', 'afterRule', 'end'] as const;
export type Snapshot = (typeof SNAPSHOTS)[number];

/** Months in each snapshot window. */
export const WINDOW_MONTHS = 3;

/** A half-open range of months [start, end). */
export interface MonthWindow {
  start: number;
  end: number;
}

export function snapshotWindows(months: number, ruleStartMonth: number): Record<Snapshot, MonthWindow> {
  const clip = (start: number, end: number): MonthWindow => {
    const s = Math.max(0, Math.min(months, start));
    return { start: s, end: Math.max(s, Math.min(months, end)) };
  };
  return {
    beforeRule: clip(ruleStartMonth - WINDOW_MONTHS, ruleStartMonth),
    afterRule: clip(ruleStartMonth, ruleStartMonth + WINDOW_MONTHS),
    end: clip(months - WINDOW_MONTHS, months),
  };
}

/**
 * Mean of a monthly series over a window, using only the months where it is defined (finite); NaN
 * when no month of the window is. The series is read at `month * stride + offset` (row-major series
 * with `stride` values per month). O(window).
 */
export function windowMean(series: ArrayLike<number>, stride: number, offset: number, window: MonthWindow): number {
  let sum = 0;
  let count = 0;
  for (let m = window.start; m < window.end; m++) {
    const v = series[m * stride + offset]!;
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}
