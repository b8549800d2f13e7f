/**
 * Where a curve sampled at ordered points first reaches a level: the swept value at which, say, half
 * of a bank type's banks have no platform partner left.
 *
 * "First" is read from the side where the curve is below the level (the business still pays there):
 * if it is below at the first point, walk up the field; else if it is below at the last point, walk
 * down (a cap sweep: banks leave as the cap falls); the crossing is at the first point that is at or
 * above the level, linearly interpolated with the point before it on the walk. Points where the
 * curve is undefined (NaN) are skipped.
 *
 * Statuses: `crosses` (value and the bracketing pair given); `below` (below the level at every point:
 * the type stays in the business over the whole range); `above` (at or above it at both ends: out of
 * the business at both ends of the range); `undefined` (fewer than two defined points).
 */
export type CrossingStatus = 'crosses' | 'below' | 'above' | 'undefined';

export interface Crossing {
  status: CrossingStatus;
  /** The interpolated swept value, when it crosses. */
  value: number | null;
  /** The swept values of the two points around the crossing (in ascending order), when it crosses. */
  between: [number, number] | null;
}

/**
 * @param xs the swept values, ascending
 * @param ys the curve at each, NaN where undefined
 * O(points). Never throws.
 * @example crossing([0.2, 0.24, 0.28], [0.9, 0.6, 0.1], 0.5) // { status: 'crosses', value: 0.248, between: [0.24, 0.28] }
 */
export function crossing(xs: readonly number[], ys: ArrayLike<number>, level: number): Crossing {
  const idx: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(ys[i]!)) idx.push(i);
  if (idx.length < 2) return { status: 'undefined', value: null, between: null };
  const first = idx[0]!;
  const last = idx[idx.length - 1]!;
  let walk: number[];
  if (ys[first]! < level) walk = idx;
  else if (ys[last]! < level) walk = [...idx].reverse();
  else return { status: 'above', value: null, between: null };
  for (let w = 1; w < walk.length; w++) {
    const i = walk[w]!;
    if (ys[i]! >= level) {
      const p = walk[w - 1]!;
      const x0 = xs[p]!;
      const x1 = xs[i]!;
      const y0 = ys[p]!;
      const y1 = ys[i]!;
      const value = x0 + ((level - y0) / (y1 - y0)) * (x1 - x0);
      return { status: 'crosses', value, between: x0 < x1 ? [x0, x1] : [x1, x0] };
    }
  }
  return { status: 'below', value: null, between: null };
}
