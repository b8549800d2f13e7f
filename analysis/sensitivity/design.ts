/**
 * Designs in the unit hypercube for global sensitivity analysis, drawn from a seeded generator so a
 * design is a pure function of (parameters, samples, seed):
 * - Morris (1991) trajectories: `levels` p (default 4) grid levels, jump Δ = p / (2 (p - 1)); each
 *   trajectory starts at a random grid point and moves each parameter once, in a random order, by +Δ
 *   or -Δ (staying inside [0, 1]), so it has k + 1 points and one elementary effect per parameter.
 *   The same design as SALib's `morris.sample` (Morris 1991; Campolongo et al. 2007 without the
 *   optimized trajectory selection).
 * - Saltelli (2010) for Sobol' indices: two independent N x k matrices A and B of uniform draws, and
 *   for each parameter i the matrix AB_i (A with column i from B); evaluated in the order
 *   A, AB_1..AB_k, B for each row, N (k + 2) points (SALib's order without second-order terms).
 *   Draws are pseudo-random (seedrandom), not a Sobol' low-discrepancy sequence: the estimators are
 *   the same, the error falls as 1/sqrt(N) rather than nearly 1/N.
 */
import seedrandom from 'seedrandom';

export type UnitPoint = number[];

export interface MorrisDesign {
  /** r (k + 1) points, trajectory by trajectory. */
  points: UnitPoint[];
  /** For trajectory t and step j (1..k): the parameter moved between points j - 1 and j. */
  moved: number[][];
  levels: number;
  delta: number;
}

export function morrisDesign(k: number, trajectories: number, seed: number, levels = 4): MorrisDesign {
  const rng = seedrandom.alea(`lendsim:morris:${seed}`) as unknown as () => number;
  const delta = levels / (2 * (levels - 1));
  const grid = Array.from({ length: levels }, (_, j) => j / (levels - 1));
  const points: UnitPoint[] = [];
  const moved: number[][] = [];
  for (let t = 0; t < trajectories; t++) {
    // A start on the grid from which the jump stays inside [0, 1] in its direction.
    const x = Array.from({ length: k }, () => grid[Math.floor(rng() * levels)]!);
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    points.push([...x]);
    for (const i of order) {
      x[i] = x[i]! + delta <= 1 + 1e-12 ? x[i]! + delta : x[i]! - delta;
      points.push([...x]);
    }
    moved.push(order);
  }
  return { points, moved, levels, delta };
}

export function saltelliDesign(k: number, n: number, seed: number): UnitPoint[] {
  const rng = seedrandom.alea(`lendsim:saltelli:${seed}`) as unknown as () => number;
  const points: UnitPoint[] = [];
  for (let row = 0; row < n; row++) {
    const a = Array.from({ length: k }, () => rng());
    const b = Array.from({ length: k }, () => rng());
    points.push(a);
    for (let i = 0; i < k; i++) points.push(a.map((v, j) => (j === i ? b[i]! : v)));
    points.push(b);
  }
  return points;
}
