/**
 * Turns the runs of an experiment into its statistics: summary.json, the rows of runs.csv and
 * timeseries.csv.
 *
 * Runs must be added in run-index order, policy before counterfactual for each index (the store reads
 * them back that way); `add` refuses anything else, so the bytes cannot depend on which worker
 * finished first. Memory: the snapshot values of every run (runs x metrics x 3 windows x 2 arms
 * doubles, about 4.6 KB per run) plus running sums per (arm, month, metric) for the time series;
 * it does not grow with months or borrowers, and a run's full series is dropped once added.
 */
import { ARMS, type Arm, type RunResult } from '../../sim/model/result.js';
import { BANK_SERIES_COUNT, METRIC_COUNT, METRIC_NAMES } from '../../sim/model/metricNames.js';
import { csvFloat, csvText } from './csv.js';
import { formatJson } from './json.js';
import { stat, tCritical95 } from './stat.js';
import { stationarityChecks } from './facts.js';
import { noFacts, type BankSummary, type FactsFn, type Metrics, type MonthlyMean, type Summary } from './summary.js';
import { SNAPSHOTS, snapshotWindows, windowMean, type MonthWindow, type Snapshot } from './windows.js';

export interface BankInfo {
  id: string;
  name: string;
  type: string;
}

export interface AggregateSpec {
  /** Scenario name (summary.json "scenario"). */
  scenario: string;
  seed: number;
  runs: number;
  months: number;
  ruleStartMonth: number;
  /** The named banks, in the order of every run's bankSeries. */
  banks: readonly BankInfo[];
}

export interface Aggregated {
  summary: Summary;
  /** summary.json, byte for byte. */
  summaryJson: string;
  /** timeseries.csv, byte for byte. */
  timeseriesCsv: string;
}

/** Header line of runs.csv (with its newline). */
export function runsCsvHeader(): string {
  return `run,arm,seed,${METRIC_NAMES.map(csvText).join(',')}\n`;
}

/** Header line of runs-monthly.csv, the long table (with its newline). */
export const RUNS_MONTHLY_HEADER = 'run,arm,seed,month,metric,value\n';
const QUOTED_NAMES = METRIC_NAMES.map(csvText);

/**
 * A run's rows of runs-monthly.csv: `run,arm,seed,month,metric,value` for every month and metric, in
 * series order (value empty where the month has nothing to measure), each with its newline.
 */
export function runsMonthlyRows(result: RunResult): string {
  const lines: string[] = [];
  const lead = `${result.runIndex},${result.arm},${result.seed},`;
  for (let month = 0; month < result.months; month++) {
    for (let k = 0; k < METRIC_COUNT; k++) lines.push(`${lead}${month},${QUOTED_NAMES[k]!},${csvFloat(result.series[month * METRIC_COUNT + k]!)}\n`);
  }
  return lines.join('');
}

const BANK_STATS = ['partnersBeforeRule', 'partnersEnd', 'headShareEnd', 'nplRatioEnd'] as const;
// Which bank series and window each bank statistic reads (BANK_SERIES: partners, headShare, nplRatio).
const BANK_STAT_SOURCE: Record<(typeof BANK_STATS)[number], { series: number; window: Snapshot }> = {
  partnersBeforeRule: { series: 0, window: 'beforeRule' },
  partnersEnd: { series: 0, window: 'end' },
  headShareEnd: { series: 1, window: 'end' },
  nplRatioEnd: { series: 2, window: 'end' },
};

export class ExperimentAggregator {
  readonly spec: AggregateSpec;
  private readonly windows: Record<Snapshot, MonthWindow>;
  /** [arm][snapshot] -> metric-major values, index metric * runs + run. */
  private readonly snapshots: Float64Array[][];
  /** index (bank * BANK_STATS.length + stat) * runs + run; policy arm. */
  private readonly bankValues: Float64Array;
  /** Per arm, index month * METRIC_COUNT + metric: Welford count, mean and sum of squared deviations. */
  private readonly tsCount: Uint32Array[];
  private readonly tsMean: Float64Array[];
  private readonly tsM2: Float64Array[];
  private added = 0;

  constructor(spec: AggregateSpec) {
    this.spec = spec;
    this.windows = snapshotWindows(spec.months, spec.ruleStartMonth);
    this.snapshots = ARMS.map(() => SNAPSHOTS.map(() => new Float64Array(METRIC_COUNT * spec.runs)));
    this.bankValues = new Float64Array(spec.banks.length * BANK_STATS.length * spec.runs);
    const cells = spec.months * METRIC_COUNT;
    this.tsCount = ARMS.map(() => new Uint32Array(cells));
    this.tsMean = ARMS.map(() => new Float64Array(cells));
    this.tsM2 = ARMS.map(() => new Float64Array(cells));
  }

  /** The (run, arm) that `add` expects next. */
  expected(): { runIndex: number; arm: Arm } | null {
    if (this.added >= this.spec.runs * ARMS.length) return null;
    return { runIndex: Math.floor(this.added / ARMS.length), arm: ARMS[this.added % ARMS.length]! };
  }

  /** Add the next run; returns its runs.csv row (end snapshot of every metric, with its newline). */
  add(result: RunResult): string {
    const want = this.expected();
    if (!want) throw new Error(`ExperimentAggregator.add: all ${this.spec.runs} runs of both arms were already added`);
    if (result.runIndex !== want.runIndex || result.arm !== want.arm) {
      throw new Error(`ExperimentAggregator.add: expected run ${want.runIndex} (${want.arm}) next, received run ${result.runIndex} (${result.arm}); add runs in run-index order`);
    }
    const { months, runs, banks } = this.spec;
    if (result.months !== months || result.series.length !== months * METRIC_COUNT) {
      throw new Error(`ExperimentAggregator.add: run ${result.runIndex} (${result.arm}) has ${result.months} months and ${result.series.length} values, expected ${months} months x ${METRIC_COUNT} metrics`);
    }
    if (result.bankSeries.length !== months * banks.length * BANK_SERIES_COUNT) {
      throw new Error(`ExperimentAggregator.add: run ${result.runIndex} (${result.arm}) has ${result.bankSeries.length} bank values, expected ${months} months x ${banks.length} banks x ${BANK_SERIES_COUNT}`);
    }
    const a = ARMS.indexOf(result.arm);
    const run = result.runIndex;

    SNAPSHOTS.forEach((snap, s) => {
      const target = this.snapshots[a]![s]!;
      const w = this.windows[snap];
      for (let k = 0; k < METRIC_COUNT; k++) target[k * runs + run] = windowMean(result.series, METRIC_COUNT, k, w);
    });

    if (result.arm === 'policy') {
      const stride = banks.length * BANK_SERIES_COUNT;
      for (let b = 0; b < banks.length; b++) {
        BANK_STATS.forEach((name, j) => {
          const src = BANK_STAT_SOURCE[name];
          const v = windowMean(result.bankSeries, stride, b * BANK_SERIES_COUNT + src.series, this.windows[src.window]);
          this.bankValues[(b * BANK_STATS.length + j) * runs + run] = v;
        });
      }
    }

    const count = this.tsCount[a]!;
    const mean = this.tsMean[a]!;
    const m2 = this.tsM2[a]!;
    for (let i = 0; i < result.series.length; i++) {
      const x = result.series[i]!;
      if (!Number.isFinite(x)) continue;
      const n = ++count[i]!;
      const delta = x - mean[i]!;
      mean[i]! += delta / n;
      m2[i]! += delta * (x - mean[i]!);
    }

    this.added++;
    const end = this.snapshots[a]![SNAPSHOTS.indexOf('end')]!;
    const cells = [String(run), result.arm, String(result.seed)];
    for (let k = 0; k < METRIC_COUNT; k++) cells.push(csvFloat(end[k * runs + run]!));
    return `${cells.join(',')}\n`;
  }

  /** The statistics; every run of both arms must have been added. */
  finish(facts: FactsFn = noFacts): Aggregated {
    const { runs, months } = this.spec;
    if (this.added !== runs * ARMS.length) {
      throw new Error(`ExperimentAggregator.finish: ${this.added} of ${runs * ARMS.length} run results were added`);
    }
    const metricsOf = (values: Float64Array): Metrics => {
      const out = {} as Metrics;
      METRIC_NAMES.forEach((name, k) => {
        out[name] = stat(values.subarray(k * runs, (k + 1) * runs));
      });
      return out;
    };
    const arms = {} as Summary['arms'];
    ARMS.forEach((arm, a) => {
      const block = {} as Record<Snapshot, Metrics>;
      SNAPSHOTS.forEach((snap, s) => {
        block[snap] = metricsOf(this.snapshots[a]![s]!);
      });
      arms[arm] = block;
    });

    // Paired differences: run i of both arms shares its random streams (common random numbers).
    const endIndex = SNAPSHOTS.indexOf('end');
    const policyEnd = this.snapshots[ARMS.indexOf('policy')]![endIndex]!;
    const counterEnd = this.snapshots[ARMS.indexOf('counterfactual')]![endIndex]!;
    const diff = new Float64Array(policyEnd.length);
    for (let i = 0; i < diff.length; i++) diff[i] = policyEnd[i]! - counterEnd[i]!;
    const effect = metricsOf(diff);

    const banks: BankSummary[] = this.spec.banks.map((bank, b) => {
      const statOf = (j: number) => stat(this.bankValues.subarray((b * BANK_STATS.length + j) * runs, (b * BANK_STATS.length + j + 1) * runs));
      return {
        id: bank.id, name: bank.name, type: bank.type,
        partnersBeforeRule: statOf(0), partnersEnd: statOf(1), headShareEnd: statOf(2), nplRatioEnd: statOf(3),
      };
    });

    const base: Omit<Summary, 'facts' | 'modelChecks'> = {
      scenario: this.spec.scenario,
      seed: this.spec.seed,
      runs,
      months,
      ruleStartMonth: this.spec.ruleStartMonth,
      arms,
      effect,
      banks,
    };
    const monthly: MonthlyMean = (arm, metric, start, end) => {
      const a = ARMS.indexOf(arm);
      const k = METRIC_NAMES.indexOf(metric);
      if (k < 0) throw new Error(`monthly mean: unknown metric ${metric}`);
      let sum = 0;
      let n = 0;
      for (let month = Math.max(0, start); month < Math.min(months, end); month++) {
        const i = month * METRIC_COUNT + k;
        if (this.tsCount[a]![i]! === 0) continue;
        sum += this.tsMean[a]![i]!;
        n++;
      }
      return n > 0 ? sum / n : null;
    };
    const summary: Summary = { ...base, facts: facts(base, monthly), modelChecks: stationarityChecks(base) };
    return { summary, summaryJson: formatJson(summary), timeseriesCsv: this.timeseriesCsv() };
  }

  /**
   * `arm,month,metric,mean,lo,hi,n,sd`: the mean across runs, its 95% Student t interval, the runs that
   * define the metric that month and their standard deviation; mean, lo, hi empty where no run defines
   * it, sd empty below two runs.
   */
  private timeseriesCsv(): string {
    const lines = ['arm,month,metric,mean,lo,hi,n,sd'];
    ARMS.forEach((arm, a) => {
      const count = this.tsCount[a]!;
      const mean = this.tsMean[a]!;
      const m2 = this.tsM2[a]!;
      for (let month = 0; month < this.spec.months; month++) {
        for (let k = 0; k < METRIC_COUNT; k++) {
          const i = month * METRIC_COUNT + k;
          const n = count[i]!;
          const name = csvText(METRIC_NAMES[k]!);
          if (n === 0) {
            lines.push(`${arm},${month},${name},,,,0,`);
            continue;
          }
          const m = mean[i]!;
          const sd = n > 1 ? Math.sqrt(m2[i]! / (n - 1)) : NaN;
          const half = n > 1 ? (tCritical95(n - 1) * sd) / Math.sqrt(n) : 0;
          lines.push(`${arm},${month},${name},${csvFloat(m)},${csvFloat(m - half)},${csvFloat(m + half)},${n},${csvFloat(sd)}`);
        }
      }
    });
    return `${lines.join('\n')}\n`;
  }
}
