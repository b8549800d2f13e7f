/**
 * Sensitivity indices from a design's outputs (design.ts), with bootstrap intervals as SALib computes
 * them: `conf` = z(0.975) x the standard deviation of the index over resamples (default 1,000) of the
 * trajectories (Morris) or of the N rows (Sobol'), drawn with a seeded generator.
 *
 * Morris (1991), Campolongo et al. (2007): elementary effect EE_i = (y(x + Δ_i) - y(x)) / Δ_i on the
 * unit scale (Δ_i = ±Δ); mu = mean EE, mu* = mean |EE|, sigma = sample sd of EE (n - 1).
 * Sobol' with Saltelli (2010) sampling: first order S1_i = mean(f(B) (f(AB_i) - f(A))) / V (Saltelli
 * et al. 2010, table 2 (b)), total ST_i = mean((f(A) - f(AB_i))^2) / (2 V) (Jansen 1999), V the
 * population variance of f over A and B together: SALib's `sobol.analyze`.
 */
import seedrandom from 'seedrandom';
import type { MorrisDesign } from './design.js';

export const Z95 = 1.959963984540054;
export const DEFAULT_RESAMPLES = 1000;

export interface MorrisIndex {
  mu: number;
  muStar: number;
  sigma: number;
  /** Half-width of the 95% bootstrap interval of mu*. */
  muStarConf: number;
}

export interface SobolIndex {
  S1: number;
  S1Conf: number;
  ST: number;
  STConf: number;
}

function meanOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

function sampleSd(x: ArrayLike<number>): number {
  if (x.length < 2) return 0;
  const m = meanOf(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

/** z x the sd of `statistic` over `resamples` bootstrap resamples of n indices. */
function bootstrapConf(n: number, statistic: (idx: Int32Array) => number, resamples: number, rng: () => number): number {
  const values = new Float64Array(resamples);
  const idx = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < n; j++) idx[j] = Math.floor(rng() * n);
    values[b] = statistic(idx);
  }
  return Z95 * sampleSd(values);
}

/** Elementary effects per parameter (k arrays of r) from the outputs y of the design's points. */
export function elementaryEffects(design: MorrisDesign, y: ArrayLike<number>): Float64Array[] {
  const k = design.moved[0]?.length ?? 0;
  const r = design.moved.length;
  const ee = Array.from({ length: k }, () => new Float64Array(r));
  design.moved.forEach((order, t) => {
    const base = t * (k + 1);
    order.forEach((i, step) => {
      const from = design.points[base + step]!;
      const to = design.points[base + step + 1]!;
      ee[i]![t] = (y[base + step + 1]! - y[base + step]!) / (to[i]! - from[i]!);
    });
  });
  return ee;
}

export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>, seed: number, resamples = DEFAULT_RESAMPLES): MorrisIndex[] {
  const rng = seedrandom.alea(`lendsim:morris-bootstrap:${seed}`) as unknown as () => number;
  return elementaryEffects(design, y).map((ee) => {
    const abs = ee.map(Math.abs);
    const muStarConf = bootstrapConf(ee.length, (idx) => {
      let s = 0;
      for (const j of idx) s += abs[j]!;
      return s / idx.length;
    }, resamples, rng);
    return { mu: meanOf(ee), muStar: meanOf(abs), sigma: sampleSd(ee), muStarConf };
  });
}

/** S1 and ST of each of k parameters from the outputs y of a Saltelli design of n rows (design.ts order). */
export function sobolIndices(k: number, n: number, y: ArrayLike<number>, seed: number, resamples = DEFAULT_RESAMPLES): SobolIndex[] {
  const stride = k + 2;
  if (y.length !== n * stride) throw new RangeError(`sobolIndices: expected ${n * stride} outputs (N (k + 2)), received ${y.length}`);
  const fA = new Float64Array(n);
  const fB = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    fA[j] = y[j * stride]!;
    fB[j] = y[j * stride + k + 1]!;
  }
  const rng = seedrandom.alea(`lendsim:sobol-bootstrap:${seed}`) as unknown as () => number;
  const all = (idx: ArrayLike<number>) => {
    let s = 0, s2 = 0;
    for (let q = 0; q < idx.length; q++) {
      const j = idx[q]!;
      s += fA[j]! + fB[j]!;
      s2 += fA[j]! ** 2 + fB[j]! ** 2;
    }
    const m = s / (2 * idx.length);
    return s2 / (2 * idx.length) - m * m;
  };
  const identity = Int32Array.from({ length: n }, (_, j) => j);
  return Array.from({ length: k }, (_, i) => {
    const fAB = new Float64Array(n);
    for (let j = 0; j < n; j++) fAB[j] = y[j * stride + 1 + i]!;
    const s1 = (idx: ArrayLike<number>) => {
      let s = 0;
      for (let q = 0; q < idx.length; q++) {
        const j = idx[q]!;
        s += fB[j]! * (fAB[j]! - fA[j]!);
      }
      return s / idx.length / all(idx);
    };
    const st = (idx: ArrayLike<number>) => {
      let s = 0;
      for (let q = 0; q < idx.length; q++) {
        const j = idx[q]!;
        s += (fA[j]! - fAB[j]!) ** 2;
      }
      return s / idx.length / 2 / all(idx);
    };
    return { S1: s1(identity), S1Conf: bootstrapConf(n, s1, resamples, rng), ST: st(identity), STConf: bootstrapConf(n, st, resamples, rng) };
  });
}
