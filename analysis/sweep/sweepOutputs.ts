/**
 * sweep.json and sweep.csv (CONTRACT.md, "Sweep files and their output"), from each point's summary
 * and per-run end values. Pure functions of the results: the same bytes on any machine, with any
 * number of workers, or from merged shards.
 *
 * sweep.json: `{sweep, fields, design, runs, seed, points: [{values, summary}], turningPoints,
 * exitPoints}`; each `summary` is the point's summary.json (parsed: written back with the same
 * formatter, its lines are summary.json's lines, indented).
 *
 * sweep.csv: `point,<field>...,arm,metric,mean,lo,hi`, one row per point, arm and metric, where
 * `arm` is `policy` or `counterfactual` (the end window, the last 3 months) or `effect` (the paired
 * difference policy minus counterfactual at the end); `lo`/`hi` are the 95% confidence interval of
 * the mean across runs (summary.json's ci95). A field value that is not a number is written as text
 * (a mapping as JSON).
 */
import { csvFloat, csvNumber, csvText } from '../stats/csv.js';
import { formatJson } from '../stats/json.js';
import type { Stat } from '../stats/stat.js';
import { exitPoints, type ExitPoint } from './exitPoints.js';
import type { PointData, SweepSpec } from './pointData.js';
import { turningPoints, type TurningPoint } from './turningPoints.js';

export interface SweepResult {
  sweep: string;
  fields: string[];
  design: string;
  runs: number;
  seed: number;
  points: { values: Record<string, unknown>; summary: PointData['summary'] }[];
  turningPoints: Record<string, TurningPoint>;
  exitPoints: Record<string, ExitPoint[]>;
}

export interface SweepOutputs {
  result: SweepResult;
  sweepJson: string;
  sweepCsv: string;
}

export const CSV_ARMS = ['policy', 'counterfactual', 'effect'] as const;

/**
 * Everything a sweep writes, from its points.
 * @param bankTypes the bank types to find exit points for
 * @param numericFields the swept fields that hold numbers (exit points cross only those)
 */
export function sweepOutputs(spec: SweepSpec, points: readonly PointData[], bankTypes: readonly string[], numericFields: readonly string[]): SweepOutputs {
  const result: SweepResult = {
    sweep: spec.name,
    fields: [...spec.fields],
    design: spec.design,
    runs: spec.runs,
    seed: spec.seed,
    points: points.map((p) => ({ values: p.values, summary: p.summary })),
    turningPoints: turningPoints(spec, points),
    exitPoints: exitPoints(spec, points, bankTypes, numericFields),
  };
  return { result, sweepJson: formatJson(result), sweepCsv: sweepCsv(spec, points) };
}

/** A swept value as a CSV cell. */
export function csvValue(v: unknown): string {
  if (typeof v === 'number') return csvNumber(v);
  if (typeof v === 'string') return csvText(v);
  return csvText(JSON.stringify(v) ?? '');
}

function sweepCsv(spec: SweepSpec, points: readonly PointData[]): string {
  const lines = [['point', ...spec.fields.map(csvText), 'arm', 'metric', 'mean', 'lo', 'hi'].join(',')];
  const cell = (x: number | null | undefined) => (typeof x === 'number' ? csvFloat(x) : '');
  points.forEach((p, i) => {
    const lead = [String(i), ...spec.fields.map((f) => csvValue(p.values[f]))].join(',');
    for (const arm of CSV_ARMS) {
      const block = arm === 'effect' ? p.summary.effect : p.summary.arms[arm].end;
      for (const metric of spec.metrics) {
        const s: Stat | undefined = block[metric];
        lines.push(`${lead},${arm},${csvText(metric)},${cell(s?.mean)},${cell(s?.ci95?.[0])},${cell(s?.ci95?.[1])}`);
      }
    }
  });
  return `${lines.join('\n')}\n`;
}
