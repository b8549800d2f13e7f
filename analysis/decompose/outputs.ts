/**
 * decompose.json and decompose.csv from every run's end-window effect at every on/off combination of
 * the components (CONTRACT v2): per metric, the whole effect and each component's exact Shapley share,
 * computed run by run (shapley.ts) and summarized across runs with `stat` (paired intervals).
 */
import { csvFloat, csvNumber, csvText } from '../stats/csv.js';
import { formatJson } from '../stats/json.js';
import { stat, type Stat } from '../stats/stat.js';
import { shapley } from './shapley.js';

export interface DecomposeResult {
  scenario: string;
  components: string[];
  /** The regime fields each component switches from the before to the after value. */
  componentFields: Record<string, string[]>;
  runs: number;
  seed: number;
  effects: Record<string, { total: Stat; shares: Record<string, Stat> }>;
}

export interface DecomposeInput {
  scenario: string;
  components: readonly string[];
  componentFields: Record<string, string[]>;
  runs: number;
  seed: number;
  metrics: readonly string[];
  /**
   * The effect (policy minus counterfactual, end window) of metric `m` in run `r` at combination
   * `mask` (bit i: component i takes the after value).
   */
  effect: (mask: number, m: number, r: number) => number;
}

/** Per metric, per run: the whole effect v(all) - v(none) and each component's share. */
export function decomposeRuns(input: DecomposeInput): { total: Float64Array; shares: Float64Array[] }[] {
  const k = input.components.length;
  const size = 1 << k;
  const v = new Float64Array(size);
  return input.metrics.map((_, m) => {
    const total = new Float64Array(input.runs);
    const shares = input.components.map(() => new Float64Array(input.runs));
    for (let r = 0; r < input.runs; r++) {
      for (let mask = 0; mask < size; mask++) v[mask] = input.effect(mask, m, r);
      total[r] = v[size - 1]! - v[0]!;
      shapley(v, k).forEach((s, i) => (shares[i]![r] = s));
    }
    return { total, shares };
  });
}

export function decompose(input: DecomposeInput): DecomposeResult {
  const perRun = decomposeRuns(input);
  const effects: DecomposeResult['effects'] = {};
  input.metrics.forEach((metric, m) => {
    const { total, shares } = perRun[m]!;
    effects[metric] = { total: stat(total), shares: Object.fromEntries(input.components.map((c, i) => [c, stat(shares[i]!)])) };
  });
  return {
    scenario: input.scenario, components: [...input.components], componentFields: input.componentFields,
    runs: input.runs, seed: input.seed, effects,
  };
}

export function decomposeJson(result: DecomposeResult): string {
  return formatJson(result);
}

/** `metric,component,n,mean,sd,lo,hi,q05,q50,q95`; component `total` is the whole effect. */
export function decomposeCsv(result: DecomposeResult): string {
  const lines = ['metric,component,n,mean,sd,lo,hi,q05,q50,q95'];
  const row = (metric: string, component: string, s: Stat) => {
    const f = (x: number | null | undefined) => csvFloat(x ?? NaN);
    lines.push([csvText(metric), csvText(component), csvNumber(s.n), f(s.mean), f(s.sd), f(s.ci95?.[0]), f(s.ci95?.[1]), f(s.q05), f(s.q50), f(s.q95)].join(','));
  };
  for (const [metric, e] of Object.entries(result.effects)) {
    row(metric, 'total', e.total);
    for (const c of result.components) row(metric, c, e.shares[c]!);
  }
  return `${lines.join('\n')}\n`;
}
