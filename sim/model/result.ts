/** What one run of one arm returns: compact numeric series, cheap to move between threads. */
export type Arm = 'policy' | 'counterfactual';
export const ARMS: readonly Arm[] = ['policy', 'counterfactual'];

export interface RunResult {
  arm: Arm;
  runIndex: number;
  /** The seed the run's random streams were derived from (scenario seed; the run index splits it). */
  seed: number;
  months: number;
  /** months x METRIC_COUNT, row-major by month (METRIC_NAMES order); NaN where undefined. */
  series: Float64Array;
  /** Ids of the named banks, in the order of `bankSeries`. */
  bankIds: readonly string[];
  /** months x bankIds.length x BANK_SERIES_COUNT, row-major (month, bank, series). */
  bankSeries: Float64Array;
  /** Extra distributions for the report (new-loan APR histograms etc.), keyed by name. */
  extras: Record<string, Float64Array>;
}
