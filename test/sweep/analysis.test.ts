// The sweep analysis on hand-made points: crossings, exit points with their bootstrap, turning points.
import { describe, expect, it } from 'vitest';
import { crossing } from '../../analysis/sweep/crossing.js';
import { exitPoints } from '../../analysis/sweep/exitPoints.js';
import { sweepLines } from '../../analysis/sweep/lines.js';
import type { PointData, SweepSpec } from '../../analysis/sweep/pointData.js';
import { sweepOutputs } from '../../analysis/sweep/sweepOutputs.js';
import { turningPoints } from '../../analysis/sweep/turningPoints.js';
import { stat } from '../../analysis/stats/stat.js';
import type { Summary } from '../../analysis/stats/summary.js';

describe('crossing', () => {
  it('walks down from the end where the curve is below the level (a cap sweep: banks leave as the cap falls)', () => {
    const c = crossing([0.2, 0.24, 0.28], [0.9, 0.6, 0.1], 0.5);
    expect(c.status).toBe('crosses');
    expect(c.value).toBeCloseTo(0.248, 12); // 0.24 + (0.5 - 0.6) / (0.1 - 0.6) * 0.04
    expect(c.between).toEqual([0.24, 0.28]);
  });

  it('walks up from the start where the curve starts below (a funding-cost sweep: banks leave as cost rises)', () => {
    const c = crossing([1, 2, 3, 4], [0, 0.2, 0.7, 1], 0.5);
    expect(c).toMatchObject({ status: 'crosses', between: [2, 3] });
    expect(c.value).toBeCloseTo(2.6, 12);
  });

  it('takes the first crossing from the side where the business pays, and a point exactly at the level', () => {
    expect(crossing([1, 2, 3, 4, 5], [0.1, 0.6, 0.3, 0.8, 0.9], 0.5).value).toBeCloseTo(1.8, 12);
    expect(crossing([1, 2, 3], [0.2, 0.5, 0.9], 0.5)).toMatchObject({ status: 'crosses', value: 2, between: [1, 2] });
  });

  it('says when there is no crossing, and skips undefined points', () => {
    expect(crossing([1, 2, 3], [0.1, 0.2, 0.3], 0.5)).toEqual({ status: 'below', value: null, between: null });
    expect(crossing([1, 2, 3], [0.9, 0.2, 0.6], 0.5)).toEqual({ status: 'above', value: null, between: null });
    expect(crossing([1, 2], [NaN, 0.3], 0.5).status).toBe('undefined');
    expect(crossing([1, 2, 3], [0.9, NaN, 0.1], 0.5)).toMatchObject({ status: 'crosses', between: [1, 3], value: 2 });
  });
});

const METRICS = ['links', 'zeroPartnerBankShare.city'];

/** A point whose summary and per-run values come from `perRun[metric][run]` (the counterfactual is 0). */
function point(values: Record<string, unknown>, perRun: number[][]): PointData {
  const runs = perRun[0]!.length;
  const policyEnd = new Float64Array(METRICS.length * runs);
  perRun.forEach((v, k) => policyEnd.set(v, k * runs));
  const counterfactualEnd = new Float64Array(METRICS.length * runs);
  const metrics = (arr: Float64Array) => Object.fromEntries(METRICS.map((m, k) => [m, stat(arr.subarray(k * runs, (k + 1) * runs))]));
  const policy = metrics(policyEnd);
  const cf = metrics(counterfactualEnd);
  const summary = {
    scenario: 's', seed: 1, runs, months: 6, ruleStartMonth: 3,
    arms: { policy: { beforeRule: cf, afterRule: policy, end: policy }, counterfactual: { beforeRule: cf, afterRule: cf, end: cf } },
    effect: policy, banks: [], facts: [],
  } as unknown as Summary;
  return { values, summary, policyEnd, counterfactualEnd };
}

describe('exit points', () => {
  // Run r's share of city banks with no partner falls from 1 to 0 around a cap of 0.22 + 0.01 (r - 2).
  const caps = [0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28];
  const runs = 5;
  const share = (cap: number, r: number) => Math.min(1, Math.max(0, 0.5 - (cap - (0.22 + 0.01 * (r - 2))) * 10));
  const points = caps.map((cap) => point({ cap }, [caps.map(() => 0).slice(0, runs).map((_, r) => 100 * cap + r), Array.from({ length: runs }, (_, r) => share(cap, r))]));
  const spec: SweepSpec = { name: 's', fields: ['cap'], design: 'grid', runs, seed: 1, metrics: METRICS };

  it('crosses the mean curve, with a bootstrap interval over runs and every run\'s own crossing', () => {
    const e = exitPoints(spec, points, ['city', 'rural'], ['cap']);
    expect(Object.keys(e)).toEqual(['city']); // no metric for rural here
    const [city] = e.city!;
    expect(city).toMatchObject({ field: 'cap', at: {}, metric: 'zeroPartnerBankShare.city', level: 0.5, status: 'crosses', between: [0.22, 0.24] });
    expect(city!.value).toBeCloseTo(0.22, 2);
    // Each run crosses at its own threshold 0.20 .. 0.24: the runs' statistic says so exactly.
    expect(city!.runs).toMatchObject({ crosses: 5, below: 0, above: 0, undefined: 0 });
    expect(city!.runs.value.mean).toBeCloseTo(0.22, 10);
    expect(city!.runs.value.q05).toBeCloseTo(0.202, 10);
    // The bootstrap interval holds the crossing and lies within the runs' spread.
    expect(city!.ci95![0]).toBeLessThan(city!.value!);
    expect(city!.ci95![1]).toBeGreaterThan(city!.value!);
    expect(city!.ci95![0]).toBeGreaterThanOrEqual(0.2);
    expect(city!.ci95![1]).toBeLessThanOrEqual(0.24);
    expect(city!.bootstrap).toEqual({ samples: 1000, crossing: 1000 });
    // Seeded: the same interval every time.
    expect(exitPoints(spec, points, ['city'], ['cap']).city![0]!.ci95).toEqual(city!.ci95);
  });

  it('follows every line of a two-field grid, and leaves non-numeric fields out', () => {
    const grid = [0, 1].flatMap((cost) => caps.map((cap) => point({ cap, cost, g: 'x' }, [Array(runs).fill(cap), Array.from({ length: runs }, (_, r) => share(cap - 0.02 * cost, r))])));
    const e = exitPoints({ ...spec, fields: ['cap', 'cost', 'g'] }, grid, ['city'], ['cap', 'cost']);
    const lines = e.city!.filter((x) => x.field === 'cap');
    expect(lines.map((x) => x.at)).toEqual([{ cost: 0, g: 'x' }, { cost: 1, g: 'x' }]);
    expect(lines[1]!.value! - lines[0]!.value!).toBeCloseTo(0.02, 10);
    expect(e.city!.filter((x) => x.field === 'g')).toEqual([]);
  });
});

describe('turning points and sweep lines', () => {
  it('find the interval where the effect changes most, with a paired interval of the change', () => {
    const caps = [0.2, 0.22, 0.24, 0.26];
    const level = [10, 11, 30, 31];
    const pts = caps.map((cap, i) => point({ cap }, [[level[i]! + 0.1, level[i]! - 0.1, level[i]!], [0, 0, 0]]));
    const tp = turningPoints({ name: 's', fields: ['cap'], design: 'grid', runs: 3, seed: 1, metrics: METRICS }, pts);
    expect(tp.links).toEqual({ field: 'cap', between: [0.22, 0.24], change: 19, ci95: [19, 19] });
    expect(tp['zeroPartnerBankShare.city']).toMatchObject({ change: 0 });
  });

  it('orders a line by the field\'s value and groups a grid by the other fields', () => {
    const values = [{ a: 3, b: 'x' }, { a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'x' }];
    expect(sweepLines(values, ['a', 'b'], 'a')).toEqual([{ field: 'a', at: { b: 'x' }, points: [1, 3, 0], values: [1, 2, 3] }]);
    expect(sweepLines(values, ['a', 'b'], 'b')).toEqual([{ field: 'b', at: { a: 2 }, points: [2, 3], values: ['y', 'x'] }]);
  });

  it('write sweep.csv with policy, counterfactual and effect rows per point and metric', () => {
    const pts = [0.2, 0.3].map((cap) => point({ 'regimes.after.comprehensiveCap': cap }, [[cap * 10, cap * 10 + 2], [0.5, 0.5]]));
    const out = sweepOutputs({ name: 's', fields: ['regimes.after.comprehensiveCap'], design: 'grid', runs: 2, seed: 1, metrics: METRICS }, pts, ['city'], ['regimes.after.comprehensiveCap']);
    const lines = out.sweepCsv.trimEnd().split('\n');
    expect(lines[0]).toBe('point,regimes.after.comprehensiveCap,arm,metric,mean,lo,hi');
    expect(lines).toHaveLength(1 + 2 * 3 * METRICS.length);
    expect(lines[1]).toMatch(/^0,0\.2,policy,links,3\.0,/); // metric values are floats (csvFloat)
    expect(lines.filter((l) => l.includes(',effect,'))).toHaveLength(4);
    expect(lines[3]).toBe('0,0.2,counterfactual,links,0.0,0.0,0.0');
    expect(Object.keys(JSON.parse(out.sweepJson))).toEqual(['sweep', 'fields', 'design', 'runs', 'seed', 'points', 'turningPoints', 'exitPoints']);
  });
});
