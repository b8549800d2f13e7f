import { describe, expect, it } from 'vitest';
import { ExperimentAggregator, runsCsvHeader, type AggregateSpec } from '../../analysis/stats/aggregate.js';
import { formatJson } from '../../analysis/stats/json.js';
import { stat } from '../../analysis/stats/stat.js';
import { snapshotWindows, windowMean } from '../../analysis/stats/windows.js';
import { BANK_SERIES_COUNT, METRIC_COUNT, METRIC_INDEX, METRIC_NAMES } from '../../sim/model/metricNames.js';
import { ARMS, type RunResult } from '../../sim/model/result.js';
import { runSeed } from '../../sim/rng/streams.js';
import { syntheticRun, type SyntheticOptions } from './synthetic.js';

const RUNS = 5;
const OPTS: SyntheticOptions = {
  months: 9, ruleStartMonth: 4, banks: 2,
  // aprMean.tail: undefined in runs 1 and 3 entirely; margin.rural.net: undefined in the policy arm from the rule on.
  undefinedWhere: (k, arm, run, t) =>
    (k === METRIC_INDEX['aprMean.tail'] && (run === 1 || run === 3)) || (k === METRIC_INDEX['margin.rural.net'] && arm === 'policy' && t >= 4),
};
const SPEC: AggregateSpec = {
  scenario: 'synthetic', seed: 7, runs: RUNS, months: OPTS.months, ruleStartMonth: OPTS.ruleStartMonth,
  banks: [{ id: 'bank0', name: 'Bank zero', type: 'city' }, { id: 'bank1', name: 'Bank one', type: 'internet' }],
};

function inOrder(): RunResult[] {
  const out: RunResult[] = [];
  for (let r = 0; r < RUNS; r++) for (const arm of ARMS) out.push(syntheticRun(OPTS, arm, r));
  return out;
}

function aggregate() {
  const agg = new ExperimentAggregator(SPEC);
  const rows = inOrder().map((r) => agg.add(r));
  return { rows, ...agg.finish() };
}

describe('ExperimentAggregator', () => {
  const { summary, summaryJson, timeseriesCsv, rows } = aggregate();
  const w = snapshotWindows(OPTS.months, OPTS.ruleStartMonth);

  it('lays summary.json out as the contract says, keys in order', () => {
    expect(Object.keys(summary)).toEqual(['scenario', 'seed', 'runs', 'months', 'ruleStartMonth', 'arms', 'effect', 'banks', 'facts', 'modelChecks']);
    expect(Object.keys(summary.arms)).toEqual(['policy', 'counterfactual']);
    expect(Object.keys(summary.arms.policy)).toEqual(['beforeRule', 'afterRule', 'end']);
    expect(Object.keys(summary.arms.counterfactual.end)).toEqual([...METRIC_NAMES]);
    expect(Object.keys(summary.effect)).toEqual([...METRIC_NAMES]);
    expect(summary.banks.map((b) => Object.keys(b))).toEqual(
      SPEC.banks.map(() => ['id', 'name', 'type', 'partnersBeforeRule', 'partnersEnd', 'headShareEnd', 'nplRatioEnd']),
    );
    expect(summary.facts).toEqual([]);
    expect(summary).toMatchObject({ scenario: 'synthetic', seed: 7, runs: RUNS, months: 9, ruleStartMonth: 4 });
  });

  it('each snapshot is the stat of the per-run window means', () => {
    const k = METRIC_INDEX.links!;
    for (const arm of ARMS) {
      for (const snap of ['beforeRule', 'afterRule', 'end'] as const) {
        const perRun = Array.from({ length: RUNS }, (_, r) => windowMean(syntheticRun(OPTS, arm, r).series, METRIC_COUNT, k, w[snap]));
        expect(summary.arms[arm][snap].links).toEqual(stat(perRun));
      }
    }
  });

  it('the effect is paired per run: policy.end - counterfactual.end', () => {
    const k = METRIC_INDEX.originations!;
    const diffs = Array.from({ length: RUNS }, (_, r) =>
      windowMean(syntheticRun(OPTS, 'policy', r).series, METRIC_COUNT, k, w.end) - windowMean(syntheticRun(OPTS, 'counterfactual', r).series, METRIC_COUNT, k, w.end));
    expect(summary.effect.originations).toEqual(stat(diffs));
    // The synthetic rule adds exactly 1 to every policy month after the rule, on the same noise.
    expect(summary.effect.originations!.mean).toBeCloseTo(1, 12);
    expect(summary.effect.originations!.sd).toBeCloseTo(0, 12);
  });

  it('n counts the runs in which the metric was defined', () => {
    expect(summary.arms.policy.end['aprMean.tail']!.n).toBe(RUNS - 2);
    expect(summary.effect['aprMean.tail']!.n).toBe(RUNS - 2);
    expect(summary.arms.policy.end['margin.rural.net']).toEqual({ n: 0, mean: null, sd: null, ci95: null, q05: null, q50: null, q95: null });
    expect(summary.arms.policy.beforeRule['margin.rural.net']!.n).toBe(RUNS);
    expect(summary.effect['margin.rural.net']!.n).toBe(0);
  });

  it('bank statistics read the policy arm bank series', () => {
    const perRun = Array.from({ length: RUNS }, (_, r) => {
      const run = syntheticRun(OPTS, 'policy', r);
      return windowMean(run.bankSeries, 2 * BANK_SERIES_COUNT, 1 * BANK_SERIES_COUNT + 2, w.end); // bank1, nplRatio
    });
    expect(summary.banks[1]!.nplRatioEnd).toEqual(stat(perRun));
    expect(summary.banks[0]).toMatchObject({ id: 'bank0', name: 'Bank zero', type: 'city' });
  });

  it('serializes deterministically, one metric per line, and parses back to the summary', () => {
    expect(aggregate().summaryJson).toBe(summaryJson);
    expect(summaryJson).toBe(formatJson(summary));
    expect(JSON.parse(summaryJson)).toEqual(summary);
    expect(summaryJson).toMatch(/\n {8}"links": \{ "n": 5, "mean": [^\n]+, "ci95": \[[^\n]+\], "q05": [^\n]+ \},\n/);
    expect(summaryJson.endsWith('}\n')).toBe(true);
  });

  it('writes runs.csv rows with the end snapshot of every metric', () => {
    expect(runsCsvHeader().trimEnd().split(',')).toEqual(['run', 'arm', 'seed', ...METRIC_NAMES]);
    expect(rows).toHaveLength(2 * RUNS);
    const cells = rows[3]!.trimEnd().split(',');
    expect(cells.slice(0, 3)).toEqual(['1', 'counterfactual', String(runSeed(7, 1))]);
    expect(cells).toHaveLength(3 + METRIC_COUNT);
    const k = METRIC_INDEX.links!;
    expect(Number(cells[3 + k])).toBe(windowMean(syntheticRun(OPTS, 'counterfactual', 1).series, METRIC_COUNT, k, w.end));
    expect(cells[3 + METRIC_INDEX['aprMean.tail']!]).toBe(''); // undefined in run 1
  });

  it('writes timeseries.csv: every arm, month and metric, the t interval of the mean across runs, n and sd', () => {
    const lines = timeseriesCsv.trimEnd().split('\n');
    expect(lines[0]).toBe('arm,month,metric,mean,lo,hi,n,sd');
    expect(lines).toHaveLength(1 + 2 * OPTS.months * METRIC_COUNT);
    const k = METRIC_INDEX.approvalRate!;
    const month = 6;
    const line = lines.find((l) => l.startsWith(`counterfactual,${month},approvalRate,`))!;
    const [, , , mean, lo, hi, n, sd] = line.split(',').map(Number);
    const s = stat(Array.from({ length: RUNS }, (_, r) => syntheticRun(OPTS, 'counterfactual', r).series[month * METRIC_COUNT + k]!));
    expect(mean).toBeCloseTo(s.mean!, 12);
    expect(lo).toBeCloseTo(s.ci95![0], 12);
    expect(hi).toBeCloseTo(s.ci95![1], 12);
    expect(n).toBe(s.n);
    expect(sd).toBeCloseTo(s.sd!, 12);
    expect(lines).toContain(`policy,${month},margin.rural.net,,,,0,`);
  });

  it('refuses runs out of run-index order, and a summary before every run is in', () => {
    const agg = new ExperimentAggregator(SPEC);
    expect(() => agg.add(syntheticRun(OPTS, 'counterfactual', 0))).toThrow(/expected run 0 \(policy\) next/);
    agg.add(syntheticRun(OPTS, 'policy', 0));
    expect(() => agg.add(syntheticRun(OPTS, 'policy', 1))).toThrow(/expected run 0 \(counterfactual\)/);
    expect(() => agg.finish()).toThrow(/1 of 10 run results/);
  });

  it('refuses a run whose shape does not match the experiment', () => {
    const agg = new ExperimentAggregator(SPEC);
    expect(() => agg.add(syntheticRun({ ...OPTS, months: 8 }, 'policy', 0))).toThrow(/8 months/);
    expect(() => agg.add(syntheticRun({ ...OPTS, banks: 3 }, 'policy', 0))).toThrow(/bank values/);
  });

  it('hands the facts seam everything but the facts', () => {
    const agg = new ExperimentAggregator(SPEC);
    for (const r of inOrder()) agg.add(r);
    const out = agg.finish((s) => [{ id: 'F0', statement: `links mean ${s.arms.policy.end.links!.mean! > 0}`, value: s.runs, range: [0, 10], holds: true }]);
    expect(out.summary.facts).toEqual([{ id: 'F0', statement: 'links mean true', value: RUNS, range: [0, 10], holds: true }]);
    expect(out.summaryJson).toContain('"facts": [\n    { "id": "F0", "statement": "links mean true", "value": 5, "range": [0, 10], "holds": true }\n  ]');
  });
});
