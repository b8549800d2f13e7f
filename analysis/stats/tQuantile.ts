/**
 * Student t distribution: the upper tail P(T > t), the density and the quantile (inverse CDF), for
 * df > 0 degrees of freedom (real df allowed). simple-statistics has no t inverse, and the confidence
 * interval of a mean across Monte Carlo runs needs t(0.975, runs - 1).
 *
 * The quantile solves upperTail(t) = 1 - p by Newton steps on the exact tail (through the
 * regularized incomplete beta function), kept inside a bracket by bisection; df = 1 and df = 2 have
 * closed forms. Agrees with R's qt() to about 1e-15 relative for df <= 100 and 1e-10 up to df = 1e5 (see the tests).
 * O(iterations x incomplete-beta cost), a few microseconds. Throws a RangeError unless 0 < p < 1
 * and df is finite and > 0.
 *
 * @example tQuantile(0.975, 10) // 2.2281388519862744 (R: qt(0.975, 10))
 */
import { probit } from 'simple-statistics';
import { logGamma } from './logGamma.js';
import { regularizedIncompleteBeta } from './incompleteBeta.js';

/** P(T > t) for t >= 0: 0.5 I_{df/(df+t²)}(df/2, 1/2). */
export function tUpperTail(t: number, df: number): number {
  if (t < 0) return 1 - tUpperTail(-t, df);
  const t2 = t * t;
  return 0.5 * regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** Density of the t distribution at t. */
export function tDensity(t: number, df: number): number {
  const logBeta = logGamma(df / 2) + logGamma(0.5) - logGamma(df / 2 + 0.5);
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta);
}

export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile requires 0 < p < 1, received ${p}`);
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`tQuantile requires a finite df > 0, received ${df}`);
  if (p === 0.5) return 0;
  // Work with the upper tail of |t|; 1 - p is exact for p in [0.5, 1] (Sterbenz).
  const sign = p > 0.5 ? 1 : -1;
  const tail = p > 0.5 ? 1 - p : p;
  if (df === 1) return sign / Math.tan(Math.PI * tail);
  if (df === 2) return (sign * (1 - 2 * tail)) / Math.sqrt(2 * tail * (1 - tail));
  return sign * solveUpperTail(tail, df);
}

/** The t > 0 with P(T > t) = tail (tail < 0.5). */
function solveUpperTail(tail: number, df: number): number {
  // Start from the Cornish-Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5).
  const z = probit(1 - tail);
  let t = z + (z * z * z + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  if (!(t > 0) || !Number.isFinite(t)) t = 1;
  // Bracket: upperTail(lo) > tail >= upperTail(hi).
  let lo = 0;
  let hi = t;
  while (tUpperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  for (let i = 0; i < 200; i++) {
    const excess = tUpperTail(t, df) - tail;
    if (excess === 0) return t;
    if (excess > 0) lo = t;
    else hi = t;
    let next = t + excess / tDensity(t, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * t) return next;
    t = next;
  }
  return t;
}
