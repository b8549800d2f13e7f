/**
 * Turning points (CONTRACT.md, sweep.json `turningPoints`): for each metric, the interval of a swept
 * field over which the metric's effect (policy minus counterfactual at the end, paired per run)
 * changes most.
 *
 * Definition: over every line of the sweep (lines.ts: one field moves, the others stay) and every
 * pair of neighbouring points on it where the effect is defined at both, `change` = mean effect at
 * the upper point minus mean effect at the lower; the pair with the largest |change| wins (the first
 * such pair on ties, in field and line order). Because run i uses the same seeds at every point
 * (common random numbers), the per-run differences effect_i(upper) - effect_i(lower) are paired too:
 * `ci95` is their Student t interval, so a turning point whose interval spans 0 is noise.
 * `change` is the raw difference over the interval, not a slope: on an uneven grid a wider interval
 * can win by being wide. O(metrics x points x runs).
 */
import { stat } from '../stats/stat.js';
import { sweepLines } from './lines.js';
import { runEffect, type PointData, type SweepSpec } from './pointData.js';

export interface TurningPoint {
  field: string;
  /** The field's values at the two neighbouring points. */
  between: [unknown, unknown];
  /** Mean effect at the upper point minus at the lower. */
  change: number;
  /** 95% interval of the mean of the paired per-run changes; null with fewer than 2 runs defined at both. */
  ci95: [number, number] | null;
  /** With several swept fields: the others' values on the line. */
  at?: Record<string, unknown>;
}

export function turningPoints(spec: SweepSpec, points: readonly PointData[]): Record<string, TurningPoint> {
  const values = points.map((p) => p.values);
  const lines = spec.fields.flatMap((f) => sweepLines(values, spec.fields, f));
  const out: Record<string, TurningPoint> = {};
  spec.metrics.forEach((metric, k) => {
    let best: { line: (typeof lines)[number]; j: number; change: number } | null = null;
    for (const line of lines) {
      for (let j = 0; j + 1 < line.points.length; j++) {
        const lo = points[line.points[j]!]!.summary.effect[metric]?.mean;
        const hi = points[line.points[j + 1]!]!.summary.effect[metric]?.mean;
        if (typeof lo !== 'number' || typeof hi !== 'number') continue;
        const change = hi - lo;
        if (!best || Math.abs(change) > Math.abs(best.change)) best = { line, j, change };
      }
    }
    if (!best) return;
    const a = points[best.line.points[best.j]!]!;
    const b = points[best.line.points[best.j + 1]!]!;
    const diffs: number[] = [];
    for (let run = 0; run < spec.runs; run++) {
      const d = runEffect(b, spec.runs, k, run) - runEffect(a, spec.runs, k, run);
      if (Number.isFinite(d)) diffs.push(d);
    }
    const s = stat(diffs);
    out[metric] = {
      field: best.line.field,
      between: [best.line.values[best.j], best.line.values[best.j + 1]],
      change: best.change,
      ci95: s.n >= 2 ? s.ci95 : null,
      ...(spec.fields.length > 1 ? { at: best.line.at } : {}),
    };
  });
  return out;
}
