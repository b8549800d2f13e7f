import { describe, expect, it } from 'vitest';
import { stat } from '../../analysis/stats/stat.js';

// Reference values: R `mean`, `sd`, `t.test(x)$conf.int` and `quantile(x, c(.05, .5, .95))` (type 7,
// the default); digits from numpy/scipy (x.mean(), x.std(ddof=1), t.ppf, np.quantile's default
// linear method), which implement the same definitions.
describe('stat', () => {
  it('matches R for a small sample', () => {
    const s = stat([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(2.138089935299395, 14);
    expect(s.ci95![0]).toBeCloseTo(3.21251208176379, 13);
    expect(s.ci95![1]).toBeCloseTo(6.787487918236209, 13);
    expect(s.q05).toBeCloseTo(2.7, 14);
    expect(s.q50).toBeCloseTo(4.5, 14);
    expect(s.q95).toBeCloseTo(8.3, 14);
  });

  it('matches R for an unsorted sample with negatives (n = 11)', () => {
    const s = stat([0.31, -1.2, 3.7, 2.2, 0.05, 1.9, -0.4, 5.1, 2.8, 0.9, 1.1]);
    expect(s.mean).toBeCloseTo(1.4963636363636363, 14);
    expect(s.sd).toBeCloseTo(1.8729243056102012, 14);
    expect(s.ci95![0]).toBeCloseTo(0.23811596713834482, 13);
    expect(s.ci95![1]).toBeCloseTo(2.754611305588928, 13);
    expect(s.q05).toBeCloseTo(-0.8, 14);
    expect(s.q50).toBeCloseTo(1.1, 14);
    expect(s.q95).toBeCloseTo(4.4, 14);
  });

  it('drops NaN and infinities, and n counts the defined values', () => {
    const withGaps = stat([2, NaN, 4, 4, Infinity, 4, 5, 5, -Infinity, 7, 9, NaN]);
    expect(withGaps).toEqual(stat([2, 4, 4, 4, 5, 5, 7, 9]));
  });

  it('gives n = 0 and nulls when nothing is defined', () => {
    expect(stat([NaN, NaN])).toEqual({ n: 0, mean: null, sd: null, ci95: null, q05: null, q50: null, q95: null });
    expect(stat([])).toEqual({ n: 0, mean: null, sd: null, ci95: null, q05: null, q50: null, q95: null });
  });

  it('with one run: sd 0 and a collapsed interval (documented choice)', () => {
    expect(stat([NaN, 3.5])).toEqual({ n: 1, mean: 3.5, sd: 0, ci95: [3.5, 3.5], q05: 3.5, q50: 3.5, q95: 3.5 });
  });

  it('reads typed arrays and keeps the key order of the contract', () => {
    expect(Object.keys(stat(new Float64Array([1, 2])))).toEqual(['n', 'mean', 'sd', 'ci95', 'q05', 'q50', 'q95']);
  });
});
