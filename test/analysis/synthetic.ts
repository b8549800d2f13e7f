/** Small synthetic RunResults for the statistics tests (no engine, no build needed). */
import { BANK_SERIES_COUNT, METRIC_COUNT } from '../../sim/model/metricNames.js';
import type { Arm, RunResult } from '../../sim/model/result.js';
import { runSeed } from '../../sim/rng/streams.js';
import { unit } from '../fixtures/workers/syntheticCore.mjs';

export interface SyntheticOptions {
  months: number;
  ruleStartMonth: number;
  banks: number;
  seed?: number;
  /** Metrics (by index) that are NaN in every month of the runs this returns true for. */
  undefinedWhere?: (k: number, arm: Arm, runIndex: number, month: number) => boolean;
}

export function syntheticRun(o: SyntheticOptions, arm: Arm, runIndex: number): RunResult {
  const seed = o.seed ?? 7;
  const series = new Float64Array(o.months * METRIC_COUNT);
  for (let t = 0; t < o.months; t++) {
    for (let k = 0; k < METRIC_COUNT; k++) {
      const ruled = arm === 'policy' && t >= o.ruleStartMonth;
      const v = k + unit(seed, runIndex, t, k) + (ruled ? 1 : 0);
      series[t * METRIC_COUNT + k] = o.undefinedWhere?.(k, arm, runIndex, t) ? NaN : v;
    }
  }
  const bankIds = Array.from({ length: o.banks }, (_, b) => `bank${b}`);
  const bankSeries = new Float64Array(o.months * o.banks * BANK_SERIES_COUNT).map((_, i) => unit(seed, runIndex, arm === 'policy' ? 0 : 1, i));
  return { arm, runIndex, seed: runSeed(seed, runIndex), months: o.months, series, bankIds, bankSeries, extras: {} };
}
