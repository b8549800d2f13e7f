/**
 * Lines of a sweep: the sets of points along which one field changes while every other swept field
 * stays put. A one-field sweep is one line; a grid of caps x list costs has a cap line at every list
 * cost and a list-cost line at every cap. Points on a line are ordered by the field's value
 * (numerically for numbers, else in the order the sweep listed them). An lhs design with several
 * fields has no lines (no two points share the other fields' values), so it has no turning or exit
 * points: those need a field to move alone.
 */
import { canonicalJson } from './canonical.js';

export interface SweepLine {
  field: string;
  /** The other swept fields' values on this line ({} for a one-field sweep). */
  at: Record<string, unknown>;
  /** Point indices, ordered by the field's value. */
  points: number[];
  /** The field's value at each of those points. */
  values: unknown[];
}

/**
 * Every line of at least two points along `field`. O(points log points).
 * @example sweepLines([{c: 1, l: 5}, {c: 2, l: 5}], ['c', 'l'], 'c') // [{ field: 'c', at: { l: 5 }, points: [0, 1], values: [1, 2] }]
 */
export function sweepLines(points: readonly Record<string, unknown>[], fields: readonly string[], field: string): SweepLine[] {
  const groups = new Map<string, { at: Record<string, unknown>; points: number[] }>();
  points.forEach((values, i) => {
    const at = Object.fromEntries(fields.filter((f) => f !== field).map((f) => [f, values[f]]));
    const key = canonicalJson(at);
    const g = groups.get(key) ?? { at, points: [] };
    g.points.push(i);
    groups.set(key, g);
  });
  const out: SweepLine[] = [];
  for (const g of groups.values()) {
    if (g.points.length < 2) continue;
    const numeric = g.points.every((i) => typeof points[i]![field] === 'number');
    const ordered = numeric ? [...g.points].sort((a, b) => (points[a]![field] as number) - (points[b]![field] as number) || a - b) : g.points;
    out.push({ field, at: g.at, points: ordered, values: ordered.map((i) => points[i]![field]) });
  }
  return out;
}
