/**
 * What a sweep's report reads from its output directory: sweep.json (CONTRACT.md, "Sweep files and
 * their output": the swept fields, per point their values and the point's summary, and the exit points
 * with their bootstrap intervals, analysis/sweep/exitPoints.ts) and, when present, manifest.json for
 * provenance and each point's scenario.json for its regimes (what binds first, sameResults.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExitPoint } from '../sweep/exitPoints.js';
import type { PointRegimes } from '../sweep/sameResults.js';
import type { Summary } from '../stats/summary.js';
import { ReportInputError, type Provenance } from './data.js';

export interface TurningPoint {
  field: string;
  between: [number, number];
  change: number;
}

export interface SweepPoint {
  values: Record<string, number | string | boolean | null>;
  summary: Summary;
}

export interface Sweep {
  sweep: string;
  fields: string[];
  runs: number;
  seed: number;
  points: SweepPoint[];
  turningPoints: Record<string, TurningPoint>;
  /** Per bank type, its exit points along each line of the sweep ({} in a sweep.json without them). */
  exitPoints: Record<string, ExitPoint[]>;
}

export interface SweepData {
  sweep: Sweep;
  /** Each point's regimes from points/NNN/scenario.json (null where that file is missing). */
  regimes: PointRegimes[];
  provenance: Provenance;
}

/** Check the parts of sweep.json the report reads; every problem at once, each naming its path. */
export function checkSweep(value: unknown, file: string): Sweep {
  const problems: string[] = [];
  const s = value as Partial<Sweep> | null;
  if (typeof s !== 'object' || s === null) throw new ReportInputError([`${file}: expected an object, found ${JSON.stringify(value)}`]);
  if (typeof s.sweep !== 'string') problems.push(`${file}: "sweep": expected the sweep's name (a string)`);
  if (!Array.isArray(s.fields) || s.fields.length === 0 || !s.fields.every((f) => typeof f === 'string')) problems.push(`${file}: "fields": expected a non-empty array of field paths`);
  if (!Array.isArray(s.points) || s.points.length === 0) problems.push(`${file}: "points": expected a non-empty array`);
  else {
    s.points.forEach((p, i) => {
      if (typeof p?.values !== 'object' || p.values === null) problems.push(`${file}: "points[${i}].values": expected an object of field values`);
      else for (const f of s.fields ?? []) if (!(f in p.values)) problems.push(`${file}: "points[${i}].values": expected a value of ${f}`);
      if (typeof p?.summary !== 'object' || p.summary === null || !p.summary.arms || !p.summary.effect) problems.push(`${file}: "points[${i}].summary": expected a summary (arms, effect, ...)`);
    });
  }
  if (problems.length > 0) throw new ReportInputError(problems);
  return { turningPoints: {}, exitPoints: {}, runs: 0, seed: 0, ...s } as Sweep;
}

export function readSweepData(dir: string): SweepData {
  const file = join(dir, 'sweep.json');
  if (!existsSync(file)) throw new ReportInputError([`${dir}: expected a sweep's output directory (with sweep.json, written by lendsim sweep), found no sweep.json`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ReportInputError([`${file}: expected JSON, could not read it: ${(err as Error).message}`]);
  }
  const sweep = checkSweep(parsed, file);
  const manifestFile = join(dir, 'manifest.json');
  let provenance: Provenance = { version: null, gitCommit: null, command: null };
  if (existsSync(manifestFile)) {
    try {
      const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v : null);
      provenance = { version: str(m.lendsim), gitCommit: str(m.gitCommit), command: str(m.command) };
    } catch {
      // provenance is optional: a damaged manifest only loses the version line
    }
  }
  return { sweep, provenance, regimes: pointRegimes(dir, sweep.points.length) };
}

/** The regimes of each point's scenario.json (points/NNN/ in point order); null where unreadable. */
function pointRegimes(dir: string, count: number): PointRegimes[] {
  const pointsDir = join(dir, 'points');
  const subdirs = existsSync(pointsDir) ? readdirSync(pointsDir).filter((d) => /^\d+$/.test(d)).sort() : [];
  return Array.from({ length: count }, (_, i) => {
    const file = subdirs.length === count ? join(pointsDir, subdirs[i]!, 'scenario.json') : null;
    if (!file || !existsSync(file)) return null;
    try {
      return ((JSON.parse(readFileSync(file, 'utf8')) as { regimes?: PointRegimes }).regimes ?? null);
    } catch {
      return null;
    }
  });
}

/** A point's value of a field as a number (NaN when it is not one). */
export function numericValue(point: SweepPoint, field: string): number {
  const v = point.values[field];
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
}

/**
 * The label of a point's other fields (all but `field`), to group the points of a grid over several
 * fields into one line per combination; '' when the sweep varies one field.
 */
export function otherFieldsLabel(point: SweepPoint, fields: readonly string[], field: string): string {
  return fields.filter((f) => f !== field).map((f) => `${f} = ${String(point.values[f])}`).join(', ');
}
