/**
 * The shape of summary.json (CONTRACT.md). Key order is part of the contract's bytes: the builders
 * below create every object in the documented order, and `formatJson` keeps insertion order.
 */
import type { ContractMetricName } from '../../sim/model/metricTypes.js';
import type { Arm } from '../../sim/model/result.js';
import type { Stat } from './stat.js';
import type { Snapshot } from './windows.js';

/**
 * Metric name -> its statistic across runs, in METRIC_NAMES order. Typed: every contract metric is
 * there (`metrics.links` is a Stat); any other name the engine records is read by its string.
 */
export type Metrics = Record<ContractMetricName, Stat> & Record<string, Stat>;

export interface BankSummary {
  id: string;
  name: string;
  type: string;
  /** Listed partners, mean over the beforeRule window, across runs (policy arm). */
  partnersBeforeRule: Stat;
  /** Listed partners over the end window (policy arm). */
  partnersEnd: Stat;
  /** Share of the bank's partners that are head platforms, end window (policy arm). */
  headShareEnd: Stat;
  /** The bank's NPL ratio, end window (policy arm). */
  nplRatioEnd: Stat;
}

/**
 * A stylized fact of the seed checked against the simulated market (analysis/stats/facts.ts adds
 * `applicable` and the `checks` it is made of). An open side of the range is null.
 */
export interface Fact {
  id: string;
  statement: string;
  value: number | null;
  range: [number | null, number | null];
  holds: boolean;
}

export interface Summary {
  scenario: string;
  seed: number;
  runs: number;
  months: number;
  ruleStartMonth: number;
  arms: Record<Arm, Record<Snapshot, Metrics>>;
  /** Paired per run: policy.end - counterfactual.end (common random numbers make the pairs). */
  effect: Metrics;
  banks: BankSummary[];
  facts: Fact[];
  /** Checks of the model itself (S1: without the rule the market stays put), beyond the contract. */
  modelChecks: { what: string; value: number | null; range: [number | null, number | null]; holds: boolean }[];
}

/**
 * The mean across runs of a metric's monthly values, averaged over months [start, end) of an arm
 * (months where no run defines it are skipped); null where none does. For facts whose window is not
 * one of the three snapshots (F11: months 1-6 of the rule).
 */
export type MonthlyMean = (arm: Arm, metric: string, start: number, end: number) => number | null;

/** The seam for the stylized facts: computed from everything else in the summary. */
export type FactsFn = (summary: Omit<Summary, 'facts' | 'modelChecks'>, monthly?: MonthlyMean) => Fact[];

/** Until the facts land: none. */
export const noFacts: FactsFn = () => [];
