/**
 * Exit points: for each bank type, the swept value at which the share of its banks with no platform
 * partner at the end (`zeroPartnerBankShare.<type>`, policy arm, last 3 months) first reaches one
 * half, where the business stops paying for that kind of bank (crossing.ts says which way "first"
 * is read), with its uncertainty across runs.
 *
 * - `value`: where the curve of the mean across runs crosses 1/2.
 * - `ci95`: percentile bootstrap over runs (B resamples, seeded): runs are resampled with replacement
 *   *jointly across points* (run i shares its seeds at every point, so it is resampled as a whole
 *   curve), the mean curve of the resample is crossed, and the 2.5% and 97.5% quantiles of the
 *   crossings are taken over the resamples that cross; `bootstrap.crossing` says how many did (when
 *   it is well below B, part of the uncertainty lies outside the swept range and the interval is
 *   too narrow). null when the mean curve does not cross.
 * - `runs`: each run's own curve crossed: how many runs cross, stay below or are above at both
 *   ends, and the statistic (stat.ts) of the crossing values of those that cross.
 * Only numeric fields are crossed, along every line of the sweep (lines.ts).
 * O(types x lines x B x runs x points).
 */
import seedrandom from 'seedrandom';
import { stat, type Stat } from '../stats/stat.js';
import { crossing, type CrossingStatus } from './crossing.js';
import { sweepLines } from './lines.js';
import type { PointData, SweepSpec } from './pointData.js';

export const EXIT_LEVEL = 0.5;
export const BOOTSTRAP_SAMPLES = 1000;

export interface ExitPoint {
  field: string;
  /** With several swept fields: the others' values on the line ({} otherwise). */
  at: Record<string, unknown>;
  metric: string;
  level: number;
  status: CrossingStatus;
  value: number | null;
  between: [number, number] | null;
  ci95: [number, number] | null;
  bootstrap: { samples: number; crossing: number };
  runs: { crosses: number; below: number; above: number; undefined: number; value: Stat };
}

/** The quantile `q` of ascending `sorted` (linear interpolation, R type 7). */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Exit points of every bank type along every numeric line of the sweep.
 * @param types bank types (`large`, `jointStock`, ...); a type whose metric is undefined everywhere is left out
 * @param numericFields the swept fields that hold numbers
 */
export function exitPoints(
  spec: SweepSpec,
  points: readonly PointData[],
  types: readonly string[],
  numericFields: readonly string[],
  samples = BOOTSTRAP_SAMPLES,
): Record<string, ExitPoint[]> {
  const out: Record<string, ExitPoint[]> = {};
  const values = points.map((p) => p.values);
  const R = spec.runs;
  for (const type of types) {
    const metric = `zeroPartnerBankShare.${type}`;
    const k = spec.metrics.indexOf(metric);
    if (k < 0) continue;
    const entries: ExitPoint[] = [];
    for (const field of spec.fields) {
      if (!numericFields.includes(field)) continue;
      for (const line of sweepLines(values, spec.fields, field)) {
        const xs = line.values as number[];
        // curves[j][run]: run's end value at the line's j-th point
        const curves = line.points.map((i) => points[i]!.policyEnd.subarray(k * R, (k + 1) * R));
        const meanCurve = (pick: (r: number) => number) =>
          curves.map((c) => {
            let sum = 0;
            let n = 0;
            for (let r = 0; r < R; r++) {
              const v = c[pick(r)]!;
              if (Number.isFinite(v)) {
                sum += v;
                n++;
              }
            }
            return n > 0 ? sum / n : NaN;
          });
        const main = crossing(xs, meanCurve((r) => r), EXIT_LEVEL);
        if (main.status === 'undefined') continue;

        const u = seedrandom.alea(`lendsim:exit:${spec.seed}:${type}:${field}:${JSON.stringify(line.at)}`);
        const boot: number[] = [];
        const draw = new Int32Array(R);
        for (let b = 0; b < samples; b++) {
          for (let r = 0; r < R; r++) draw[r] = Math.floor(u() * R);
          const c = crossing(xs, meanCurve((r) => draw[r]!), EXIT_LEVEL);
          if (c.value !== null) boot.push(c.value);
        }
        boot.sort((a, b) => a - b);

        const counts = { crosses: 0, below: 0, above: 0, undefined: 0 };
        const perRun: number[] = [];
        for (let r = 0; r < R; r++) {
          const c = crossing(xs, curves.map((curve) => curve[r]!), EXIT_LEVEL);
          counts[c.status]++;
          if (c.value !== null) perRun.push(c.value);
        }
        entries.push({
          field, at: line.at, metric, level: EXIT_LEVEL,
          status: main.status, value: main.value, between: main.between,
          ci95: main.status === 'crosses' && boot.length > 0 ? [quantile(boot, 0.025), quantile(boot, 0.975)] : null,
          bootstrap: { samples, crossing: boot.length },
          runs: { ...counts, value: stat(perRun) },
        });
      }
    }
    if (entries.length > 0) out[type] = entries;
  }
  return out;
}
