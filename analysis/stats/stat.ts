/**
 * The statistic reported for every metric across Monte Carlo runs (CONTRACT.md, STAT).
 *
 * Definitions, for the n finite values (NaN and ±Infinity are dropped: a run in which the metric had
 * nothing to measure says so by not counting):
 * - `mean`: arithmetic mean (simple-statistics `mean`, compensated summation), in the input order.
 * - `sd`: sample standard deviation (n - 1 denominator); 0 when n = 1.
 * - `ci95`: the 95% confidence interval of the mean, mean ± t(0.975, n - 1) · sd / sqrt(n) (Student t).
 *   With one run there is no spread to estimate: the interval collapses to [mean, mean] and sd is 0;
 *   read `n` before reading the width.
 * - `q05`, `q50`, `q95`: quantiles across runs by linear interpolation between order statistics
 *   (R's `quantile(type = 7)`, numpy's default; simple-statistics `quantileSorted`).
 * - n = 0: every field but `n` is null.
 * O(n log n) for the sort. Never throws.
 *
 * @example stat([1, 2, 3, NaN]) // { n: 3, mean: 2, sd: 1, ci95: [-0.484..., 4.484...], q05: 1.1, q50: 2, q95: 2.9 }
 */
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { tQuantile } from './tQuantile.js';

export interface Stat {
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: [number, number] | null;
  q05: number | null;
  q50: number | null;
  q95: number | null;
}

export function stat(values: ArrayLike<number>): Stat {
  const defined: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) defined.push(v);
  }
  const n = defined.length;
  if (n === 0) return { n: 0, mean: null, sd: null, ci95: null, q05: null, q50: null, q95: null };
  const m = mean(defined);
  const sd = n > 1 ? sampleStandardDeviation(defined) : 0;
  const half = n > 1 ? (tCritical95(n - 1) * sd) / Math.sqrt(n) : 0;
  const sorted = defined.slice().sort((a, b) => a - b);
  return {
    n,
    mean: m,
    sd,
    ci95: [m - half, m + half],
    q05: quantileSorted(sorted, 0.05),
    q50: quantileSorted(sorted, 0.5),
    q95: quantileSorted(sorted, 0.95),
  };
}

const criticalCache = new Map<number, number>();
/** t(0.975, df), memoized: an experiment asks for the same few df thousands of times. */
export function tCritical95(df: number): number {
  let t = criticalCache.get(df);
  if (t === undefined) {
    t = tQuantile(0.975, df);
    criticalCache.set(df, t);
  }
  return t;
}
