// The aggregation of the runs' extras for the report (analysis/stats/distributions.ts): means,
// link shares, per-run default rates with intervals, named-bank partner series; order and bytes.
import { describe, expect, it } from 'vitest';
import { DistributionsAggregator, type DistributionsMeta } from '../../analysis/stats/distributions.js';
import { VectorStats } from '../../analysis/stats/vectorStats.js';
import { BANK_SERIES_COUNT, METRIC_COUNT } from '../../sim/model/metricNames.js';
import type { Arm, RunResult } from '../../sim/model/result.js';

const months = 4;
const meta: DistributionsMeta = {
  scenario: 'unit', description: '', seed: 1, runs: 3, months, ruleStartMonth: 2, aprBinWidth: 0.005,
  regimes: { before: { comprehensiveCap: null }, after: { comprehensiveCap: 0.24 } },
  roster: { banks: [{ id: 'a', name: 'A', type: 'city', named: true }, { id: 'large-1', name: 'large bank 1', type: 'large', named: false }], platforms: [{ id: 'head-1', tier: 'head' }, { id: 'tail-1', tier: 'tail' }, { id: 'tail-2', tier: 'tail' }] },
  namedBanks: [{ id: 'a', name: 'A', type: 'city' }],
};

function run(arm: Arm, runIndex: number, extras: Record<string, Float64Array> | null = null): RunResult {
  const bankSeries = new Float64Array(months * 1 * BANK_SERIES_COUNT);
  for (let t = 0; t < months; t++) bankSeries[t * BANK_SERIES_COUNT] = 10 * (runIndex + 1) - t; // partners
  const r = runIndex + (arm === 'policy' ? 0 : 10);
  return {
    arm, runIndex, seed: 1, months, series: new Float64Array(months * METRIC_COUNT), bankIds: ['a'], bankSeries,
    extras: extras ?? {
      aprHistBefore: Float64Array.from([r, 1, 0]),
      exposureByLoans: Float64Array.from([0, 100, 50]),
      defaultsByLoans: Float64Array.from([0, 1 + runIndex, 5]),
      // link (bank a, head-1) active in runs 0 and 1 only; (large-1, tail-2) in every run
      linksEnd: Float64Array.from([runIndex < 2 ? 1 : 0, 0, 0, 0, 0, 1]),
    },
  };
}

function filled(extras?: (arm: Arm, i: number) => Record<string, Float64Array> | null): DistributionsAggregator {
  const agg = new DistributionsAggregator(meta);
  for (let i = 0; i < meta.runs; i++) for (const arm of ['policy', 'counterfactual'] as const) agg.add(run(arm, i, extras?.(arm, i) ?? null));
  return agg;
}

describe('VectorStats', () => {
  it('mean and the Student t interval per element, skipping non-finite values', () => {
    const v = new VectorStats(2);
    v.add([1, 10]);
    v.add([3, NaN]);
    const r = v.result();
    expect(r.n).toEqual([2, 1]);
    expect(r.mean).toEqual([2, 10]);
    // t(0.975, 1) = 12.7062047 (R: qt(0.975, 1)); sd of {1, 3} = sqrt(2); half = 12.7062 * sqrt(2) / sqrt(2)
    expect(r.lo[0]).toBeCloseTo(2 - 12.7062047, 6);
    expect(r.hi[0]).toBeCloseTo(2 + 12.7062047, 6);
    expect([r.lo[1], r.hi[1]]).toEqual([10, 10]);
    expect(() => v.add([1])).toThrow(/received 1 values, expected 2/);
  });
});

describe('DistributionsAggregator', () => {
  it('averages the extras per arm, turns link matrices into shares of runs, and keeps each arm apart', () => {
    const d = filled().finish();
    expect(d.arms.policy.aprHistBefore).toEqual([1, 1, 0]); // runs 0, 1, 2 -> bin 0 mean 1
    expect(d.arms.counterfactual.aprHistBefore).toEqual([11, 1, 0]);
    const links = d.arms.policy.linksEnd!;
    [2 / 3, 0, 0, 0, 0, 1].forEach((share, i) => expect(links[i]).toBeCloseTo(share, 12));
    expect(d.arms.policy.nominalHistEnd).toBeNull(); // no run had it
    expect(d.arms.policy.exposureByLoans).toEqual([0, 100, 50]);
  });

  it('computes the annualized default rate by loans per run, with its interval across runs', () => {
    const d = filled().finish();
    const rate = d.arms.policy.defaultRateByLoans!;
    const annual = (m: number) => 1 - (1 - m) ** 12;
    expect(rate.n).toEqual([0, 3, 3]);
    expect(rate.mean[0]).toBeNaN(); // nobody at 0 loans
    expect(rate.mean[1]).toBeCloseTo((annual(0.01) + annual(0.02) + annual(0.03)) / 3, 12);
    expect(rate.mean[2]).toBeCloseTo(annual(0.1), 12);
    expect(rate.lo[2]).toBeCloseTo(annual(0.1), 12); // no spread
    expect(rate.lo[1]!).toBeLessThan(rate.mean[1]!);
  });

  it('follows each named bank\'s partners month by month', () => {
    const d = filled().finish();
    const a = d.arms.policy.namedBankPartners[0]!;
    expect(a.id).toBe('a');
    expect(a.mean).toEqual([20, 19, 18, 17]); // runs give 10, 20, 30 minus the month
    expect(a.lo[0]!).toBeLessThan(20);
    expect(a.hi[0]!).toBeGreaterThan(20);
  });

  it('refuses runs out of order, a matrix of the wrong size, and finishing early', () => {
    const agg = new DistributionsAggregator(meta);
    expect(() => agg.add(run('counterfactual', 0))).toThrow(/expected run 0 \(policy\) next, received run 0 \(counterfactual\)/);
    expect(() => agg.add(run('policy', 0, { linksEnd: new Float64Array(5) }))).toThrow(/linksEnd matrix of 5 cells, expected 2 banks x 3 platforms/);
    expect(() => agg.finish()).toThrow(/0 of 6 run results were added/);
  });

  it('writes the same bytes for the same runs, and JSON nulls where nothing was measured', () => {
    const a = filled().finishJson();
    expect(filled().finishJson()).toBe(a);
    const parsed = JSON.parse(a);
    expect(parsed.format).toBe(1);
    expect(parsed.arms.policy.defaultRateByLoans.mean[0]).toBeNull();
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['format', 'scenario', 'description', 'seed']);
  });
});
