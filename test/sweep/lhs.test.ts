import { describe, expect, it } from 'vitest';
import { lhs, lhsStream, permutation } from '../../sim/sweep/lhs.js';

/** The stratum (0..K-1) of v in [min, max] cut into K equal parts. */
const stratum = (v: number, min: number, max: number, k: number) => Math.min(k - 1, Math.floor(((v - min) / (max - min)) * k));

describe('Latin hypercube', () => {
  const axes = [
    ['regimes.after.comprehensiveCap', { min: 0.12, max: 0.36 }],
    ['banks.types.city.fundingCostAnnual', { min: 0.015, max: 0.045 }],
    ['regimes.after.listCostPerPartner', { min: 0, max: 3e6 }],
  ] as const;

  for (const k of [1, 2, 7, 50]) {
    it(`puts exactly one of ${k} samples in each of the ${k} strata of every axis`, () => {
      const points = lhs(axes, k, lhsStream(20251001));
      expect(points).toHaveLength(k);
      for (const [field, { min, max }] of axes) {
        const strata = points.map((p) => stratum(p[field]!, min, max, k)).sort((a, b) => a - b);
        expect(strata).toEqual(Array.from({ length: k }, (_, i) => i));
        for (const p of points) expect(p[field]).toBeGreaterThanOrEqual(min), expect(p[field]).toBeLessThanOrEqual(max);
      }
    });
  }

  it('is a function of the seed', () => {
    expect(lhs(axes, 10, lhsStream(7))).toEqual(lhs(axes, 10, lhsStream(7)));
    expect(lhs(axes, 10, lhsStream(7))).not.toEqual(lhs(axes, 10, lhsStream(8)));
  });

  it('pairs the axes at random (the strata of two axes are not in lockstep)', () => {
    const points = lhs(axes, 50, lhsStream(1));
    const a = points.map((p) => stratum(p[axes[0][0]]!, 0.12, 0.36, 50));
    const b = points.map((p) => stratum(p[axes[1][0]]!, 0.015, 0.045, 50));
    expect(a).not.toEqual(b);
  });

  it('gives an integer axis every integer of its range equally often', () => {
    const points = lhs([['borrowers.applicationsPerMonth', { min: 1, max: 4 }, { integer: true }]], 40, lhsStream(3));
    const counts = [1, 2, 3, 4].map((v) => points.filter((p) => p['borrowers.applicationsPerMonth'] === v).length);
    expect(counts).toEqual([10, 10, 10, 10]);
  });

  it('permutation is a permutation', () => {
    const p = permutation(100, lhsStream(5));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
