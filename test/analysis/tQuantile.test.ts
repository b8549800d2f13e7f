import { describe, expect, it } from 'vitest';
import { tQuantile, tUpperTail } from '../../analysis/stats/tQuantile.js';
import { logGamma } from '../../analysis/stats/logGamma.js';
import { regularizedIncompleteBeta } from '../../analysis/stats/incompleteBeta.js';

// Reference quantiles: R `qt(p, df)` (printed with digits = 17). The full digits were taken from
// scipy.stats.t.ppf 1.17.1, which implements the same Boost/Cephes inverse and agrees with R's qt to
// the digits R prints (e.g. qt(0.975, 10) = 2.228138851986274 in both).
const REFERENCE: [p: number, df: number, q: number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 3, 3.1824463052837078],
  [0.975, 4, 2.7764451051977934],
  [0.975, 5, 2.5705818356363146],
  [0.975, 9, 2.262157162798205],
  [0.975, 10, 2.228138851986274],
  [0.975, 29, 2.045229642132703],
  [0.975, 30, 2.0422724563012378],
  [0.975, 63, 1.998340542520741],
  [0.975, 100, 1.9839715185235518],
  [0.975, 127, 1.9788195347028539],
  [0.95, 10, 1.8124611228116756],
  [0.99, 5, 3.3649299989072174],
  [0.995, 2, 9.924843200918287],
  [0.9, 1, 3.0776835371752544],
  [0.6, 3, 0.2766706623326898],
  [0.025, 7, -2.3646242515927844],
  [0.999, 3, 10.214531852407383],
  [0.75, 2.5, 0.7850136829922992],
];

describe('tQuantile', () => {
  it.each(REFERENCE)('qt(%d, %d) = %d to 1e-13 relative', (p, df, q) => {
    expect(Math.abs(tQuantile(p, df) - q)).toBeLessThanOrEqual(1e-13 * Math.abs(q));
  });

  it('stays within 1e-10 for large df (R: qt(0.975, 1000) = 1.9623390808264083, qt(0.975, 1e5) = 1.9599877075346095)', () => {
    expect(Math.abs(tQuantile(0.975, 1000) - 1.9623390808264083)).toBeLessThan(1e-10);
    expect(Math.abs(tQuantile(0.975, 1e5) - 1.9599877075346095)).toBeLessThan(1e-9);
  });

  it('is symmetric and 0 at the median', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    for (const df of [1, 2, 3, 8.5, 40]) expect(tQuantile(0.1, df)).toBeCloseTo(-tQuantile(0.9, df), 12);
  });

  it('inverts the tail it is built on', () => {
    for (const df of [3, 6, 17, 250]) {
      for (const p of [0.51, 0.8, 0.975, 0.9999]) expect(1 - tUpperTail(tQuantile(p, df), df)).toBeCloseTo(p, 13);
    }
  });

  it('refuses p outside (0, 1) and df <= 0 with the function name in the message', () => {
    expect(() => tQuantile(1, 5)).toThrow(/tQuantile requires 0 < p < 1/);
    expect(() => tQuantile(0, 5)).toThrow(/tQuantile/);
    expect(() => tQuantile(0.9, 0)).toThrow(/df > 0/);
    expect(() => tQuantile(0.9, Infinity)).toThrow(/finite df/);
  });
});

describe('its building blocks', () => {
  it('logGamma matches log((n-1)!) and Γ(1/2) = sqrt(π)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 13); // R: lgamma(0.1)
  });

  it('regularizedIncompleteBeta matches closed forms', () => {
    // I_x(1, 1) = x; I_x(2, 2) = 3x² - 2x³; R: pbeta(0.3, 2.5, 4) = 0.3521975859067672 (scipy betainc agrees)
    expect(regularizedIncompleteBeta(0.3, 2.5, 4)).toBeCloseTo(0.3521975859067672, 13);
    expect(regularizedIncompleteBeta(0.37, 1, 1)).toBeCloseTo(0.37, 14);
    expect(regularizedIncompleteBeta(0.2, 2, 2)).toBeCloseTo(3 * 0.04 - 2 * 0.008, 14);
    expect(regularizedIncompleteBeta(0, 3, 4)).toBe(0);
    expect(regularizedIncompleteBeta(1, 3, 4)).toBe(1);
  });
});
