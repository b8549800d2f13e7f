/** What the sweep analysis reads for each point: its summary and every run's end-window values. */
import type { Summary } from '../stats/summary.js';

export interface PointData {
  /** The swept fields' values at this point. */
  values: Record<string, unknown>;
  /** The point's summary.json, parsed. */
  summary: Summary;
  /**
   * Each run's end-window (last 3 months) value of every metric, metric-major: index
   * `metric * runs + run`, metrics in `SweepSpec.metrics` order; NaN where the run did not define it.
   * The same numbers summary.json's `end` statistics are computed from.
   */
  policyEnd: Float64Array;
  counterfactualEnd: Float64Array;
}

export interface SweepSpec {
  name: string;
  fields: readonly string[];
  design: string;
  runs: number;
  seed: number;
  /** Metric names in series order (METRIC_NAMES). */
  metrics: readonly string[];
}

/** Run `run`'s paired effect (policy minus counterfactual at the end) of metric `k` at a point. */
export function runEffect(p: PointData, runs: number, k: number, run: number): number {
  return p.policyEnd[k * runs + run]! - p.counterfactualEnd[k * runs + run]!;
}
