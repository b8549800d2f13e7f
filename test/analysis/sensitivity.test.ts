// The sensitivity estimators (analysis/sensitivity) on functions whose indices are known.
//
// Ishigami (Ishigami & Homma 1990), f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3 with
// a = 7, b = 0.1: analytic S1 = [0.3139, 0.4424, 0], ST = [0.5576, 0.4424, 0.2437] (Saltelli et al.
// 2008, Global Sensitivity Analysis: The Primer, p. 179). SALib checks its Saltelli/Sobol' estimators
// against S1 [0.31, 0.44, 0.00] and ST [0.55, 0.44, 0.24] with atol 0.05, rtol 0.1 at N = 10,000
// (SALib tests/test_regression.py, test_regression_sobol); here the same N, a seeded pseudo-random
// design, SALib's tolerance and a tighter one against the analytic values (0.03).
import { describe, expect, it } from 'vitest';
import { morrisDesign, saltelliDesign } from '../../analysis/sensitivity/design.js';
import { elementaryEffects, morrisIndices, sobolIndices } from '../../analysis/sensitivity/indices.js';

const ishigami = (u: number[]) => {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
};
const S1 = [0.3139, 0.4424, 0];
const ST = [0.5576, 0.4424, 0.2437];

/** numpy's assert_allclose: |actual - expected| <= atol + rtol |expected|. */
function allclose(actual: number[], expected: number[], atol: number, rtol: number): void {
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(atol + rtol * Math.abs(expected[i]!)));
}

describe('Sobol indices with Saltelli sampling', () => {
  const n = 10_000;
  const design = saltelliDesign(3, n, 20251001);
  const idx = sobolIndices(3, n, design.map(ishigami), 7);

  it('Ishigami: SALib regression values and tolerances', () => {
    allclose(idx.map((s) => s.S1), [0.31, 0.44, 0.0], 0.05, 0.1);
    allclose(idx.map((s) => s.ST), [0.55, 0.44, 0.24], 0.05, 0.1);
  });

  it('Ishigami: analytic values within 0.03, and inside 2x their bootstrap half-widths', () => {
    idx.forEach((s, i) => {
      expect(Math.abs(s.S1 - S1[i]!)).toBeLessThan(0.03);
      expect(Math.abs(s.ST - ST[i]!)).toBeLessThan(0.03);
      expect(Math.abs(s.S1 - S1[i]!)).toBeLessThan(2 * s.S1Conf);
      expect(Math.abs(s.ST - ST[i]!)).toBeLessThan(2 * s.STConf);
      expect(s.S1Conf).toBeGreaterThan(0);
      expect(s.S1Conf).toBeLessThan(0.1);
    });
  });

  it('the design: N (k + 2) rows, AB_i differs from A only in column i, seeded', () => {
    const d = saltelliDesign(3, 4, 1);
    expect(d).toHaveLength(4 * 5);
    const [a, ab1, , , b] = d as [number[], number[], number[], number[], number[]];
    expect(ab1).toEqual([b[0], a[1], a[2]]);
    expect(saltelliDesign(3, 4, 1)).toEqual(d);
    expect(saltelliDesign(3, 4, 2)).not.toEqual(d);
    expect(() => sobolIndices(3, 4, [1, 2], 1)).toThrow(RangeError);
  });
});

describe('Morris elementary effects', () => {
  it('a linear function: mu* is |coefficient| x range, sigma 0, mu signed', () => {
    const design = morrisDesign(3, 20, 5);
    expect(design.delta).toBeCloseTo(2 / 3, 15);
    expect(design.points).toHaveLength(20 * 4);
    for (const p of design.points) for (const v of p) expect([0, 1 / 3, 2 / 3, 1].some((g) => Math.abs(g - v) < 1e-12)).toBe(true);
    const idx = morrisIndices(design, design.points.map((u) => 2 * u[0]! - 3 * u[2]!), 1);
    expect(idx.map((m) => m.muStar)).toEqual([expect.closeTo(2, 12), 0, expect.closeTo(3, 12)]);
    expect(idx.map((m) => m.mu)).toEqual([expect.closeTo(2, 12), 0, expect.closeTo(-3, 12)]);
    for (const m of idx) expect(m.sigma).toBeLessThan(1e-12);
  });

  it('Ishigami at p = 4 levels: mu* of x2 is exactly 7.875 (as SALib reports); x1 and x3 near their expectations on the grid', () => {
    // On the 4-level grid (-pi, -pi/3, pi/3, pi) a jump of 2/3 of the range always moves sin^2 x2
    // between 0 and 3/4: |EE_2| = 7 x 0.75 / (2/3) = 7.875 in every trajectory (SALib
    // tests/test_regression.py, test_regression_morris_*: mu_star[1] = 7.875). For x1 and x3 the
    // expectation over the grid: E|EE_1| = (sqrt(3)/2)(1 + 0.1 E[x3^4]) / (2/3), E|EE_3| = 0.1 E|sin x1|
    // (pi^4 - (pi/3)^4) / (2/3), x3 and x1 uniform on the grid.
    const g4 = (Math.PI ** 4 + (Math.PI / 3) ** 4) / 2;
    const mu1 = ((Math.sqrt(3) / 2) * (1 + 0.1 * g4)) / (2 / 3);
    const mu3 = (0.1 * (Math.sqrt(3) / 4) * (Math.PI ** 4 - (Math.PI / 3) ** 4)) / (2 / 3);
    const design = morrisDesign(3, 400, 11);
    const y = design.points.map(ishigami);
    expect(elementaryEffects(design, y).every((e) => e.length === 400)).toBe(true);
    const idx = morrisIndices(design, y, 3);
    expect(idx[1]!.muStar).toBeCloseTo(7.875, 10);
    expect(idx[1]!.muStarConf).toBeCloseTo(0, 10);
    expect(Math.abs(idx[0]!.muStar - mu1)).toBeLessThan(2 * idx[0]!.muStarConf);
    expect(Math.abs(idx[2]!.muStar - mu3)).toBeLessThan(2 * idx[2]!.muStarConf);
    // x1 and x3 interact: their effects vary from trajectory to trajectory.
    expect(idx[0]!.sigma).toBeGreaterThan(1);
    expect(idx[2]!.sigma).toBeGreaterThan(1);
  });
});
