/**
 * Grid designs: an axis's values from a list or a {from, to, step} range, and the full factorial of
 * several axes.
 *
 * A range is computed in scaled integers, not by adding the step again and again: 0.12 to 0.36 by
 * 0.02 is (12 + 2i) / 100, so the 7th value is exactly the double written 0.24, never
 * 0.24000000000000002 (what 0.12 + 6 * 0.02 gives), and `to` is included when it falls on a step.
 */
import type { RangeAxis } from './schema.js';

/** Digits after the decimal point in the shortest form of `x` (`1.5e-7` -> 8, `2e21` -> 0). */
export function decimals(x: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(x)).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** Most decimals handled exactly (10^15 scaled values stay exact integers in a double). */
const MAX_EXACT_DECIMALS = 15;

/**
 * The values of a range: from, from + step, ..., up to and including `to` when it is a whole number
 * of steps away (within one part in 10^9 of a step). Throws when `step` is not positive, `to` is
 * below `from`, or the range has more than `limit` values. O(values).
 * @example rangeValues({ from: 0.12, to: 0.36, step: 0.02 }) // [0.12, 0.14, ..., 0.24, ..., 0.36] (13 values)
 */
export function rangeValues(range: RangeAxis, limit = Infinity): number[] {
  const { from, to, step } = range;
  if (!(step > 0) || !Number.isFinite(step)) throw new Error(`rangeValues: expected a positive step, received ${step}`);
  if (!(to >= from)) throw new Error(`rangeValues: expected to >= from, received from ${from}, to ${to}`);
  const d = Math.max(decimals(from), decimals(step), decimals(to));
  const scale = 10 ** d;
  const exact = d <= MAX_EXACT_DECIMALS && Math.abs(to) * scale < Number.MAX_SAFE_INTEGER && Math.abs(from) * scale < Number.MAX_SAFE_INTEGER;
  // Integer arithmetic on the scaled values, then one correctly rounded division: each value is the
  // double nearest the decimal value, the same one its literal parses to.
  const f = Math.round(from * scale);
  const s = Math.round(step * scale);
  const count = exact ? Math.floor((Math.round(to * scale) - f) / s) + 1 : Math.floor((to - from) / step + 1e-9) + 1;
  if (count > limit) throw new Error(`rangeValues: ${count} values, more than ${limit}`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(exact ? (f + i * s) / scale : Number((from + i * step).toPrecision(15)));
  return out;
}

/**
 * Every combination of the axes' values, the first axis varying slowest (as nested loops in the
 * order the axes are written). Each point maps field -> value. O(product of the lengths).
 * @example factorial([['a', [1, 2]], ['b', ['x', 'y']]]) // [{a:1,b:'x'}, {a:1,b:'y'}, {a:2,b:'x'}, {a:2,b:'y'}]
 */
export function factorial(axes: readonly (readonly [string, readonly unknown[]])[]): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [field, values] of axes) {
    const next: Record<string, unknown>[] = [];
    for (const p of points) for (const v of values) next.push({ ...p, [field]: v });
    points = next;
  }
  return points;
}

/** The number of grid points the axes make (without building them). */
export function factorialSize(lengths: readonly number[]): number {
  return lengths.reduce((a, n) => a * n, 1);
}
