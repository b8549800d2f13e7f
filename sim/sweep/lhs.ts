/**
 * Latin hypercube designs: K points over several ranges such that, on every axis, each of the K
 * equal strata [min + j (max - min)/K, min + (j+1)(max - min)/K) holds exactly one point. Each axis
 * gets its own random permutation of the strata and a uniform position inside each stratum (McKay,
 * Beckman & Conover 1979), so the points fill every axis evenly with K runs of the model, where a
 * grid of the same resolution would need K^axes.
 *
 * Randomness is injected: `lhs(axes, K, u)` with `u` a uniform source; `lhsStream(seed)` is the
 * seeded source a sweep uses (seedrandom's Alea keyed by the sweep seed), so the same file and seed
 * always give the same points.
 */
import seedrandom from 'seedrandom';
import type { BoundsAxis } from './schema.js';

/** A uniform source on [0, 1). */
export type Uniform = () => number;

/** The seeded source of a sweep's lhs sample. */
export function lhsStream(seed: number): Uniform {
  return seedrandom.alea(`lendsim:lhs:${seed}`) as unknown as Uniform;
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates). O(n). */
export function permutation(n: number, u: Uniform): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/**
 * K points, each a map field -> value, one per stratum on every axis. Axes are drawn in the order
 * given (a permutation, then K positions), so adding an axis at the end leaves the earlier axes'
 * values unchanged. An `integer` axis stratifies [min - 1/2, max + 1/2) and rounds, so every integer
 * of the range is equally likely (its strata then hold one point each only as far as rounding
 * allows). O(K x axes).
 * @example lhs([['x', { min: 0, max: 1 }]], 4, u) // 4 points, one in each of [0, .25), [.25, .5), [.5, .75), [.75, 1)
 */
export function lhs(axes: readonly (readonly [string, BoundsAxis, { integer?: boolean }?])[], samples: number, u: Uniform): Record<string, number>[] {
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`lhs: expected a positive whole number of samples, received ${samples}`);
  const points: Record<string, number>[] = Array.from({ length: samples }, () => ({}));
  for (const [field, { min, max }, opts] of axes) {
    const strata = permutation(samples, u);
    // An integer axis samples [min - 1/2, max + 1/2) and rounds, so each integer is equally likely.
    const lo = opts?.integer ? min - 0.5 : min;
    const hi = opts?.integer ? max + 0.5 : max;
    const width = (hi - lo) / samples;
    for (let k = 0; k < samples; k++) {
      const v = lo + (strata[k]! + u()) * width;
      points[k]![field] = opts?.integer ? Math.min(max, Math.max(min, Math.round(v))) : Math.min(max, Math.max(min, v));
    }
  }
  return points;
}
