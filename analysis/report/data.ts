/**
 * What an experiment's report reads, all from files in its output directory: summary.json (required),
 * timeseries.csv, distributions.json and manifest.json (each optional: the charts that need a missing
 * file say so instead of drawing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Arm } from '../../sim/model/result.js';
import type { Distributions } from '../stats/distributions.js';
import type { Summary } from '../stats/summary.js';
import { parseCsv } from './csv.js';

/** A problem with the directory the report is asked to read (the CLI prints it as bad input). */
export class ReportInputError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** One row of timeseries.csv; null where no run defined the metric that month. */
export interface SeriesRow {
  arm: Arm;
  month: number;
  metric: string;
  mean: number | null;
  lo: number | null;
  hi: number | null;
}

/** Provenance from manifest.json, as far as the report shows it. */
export interface Provenance {
  version: string | null;
  gitCommit: string | null;
  command: string | null;
}

export interface ExperimentData {
  summary: Summary;
  series: SeriesRow[] | null;
  distributions: Distributions | null;
  provenance: Provenance;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ReportInputError([`${file}: expected JSON, could not read it: ${(err as Error).message}`]);
  }
}

/** Read an experiment's output directory. Throws ReportInputError when summary.json is missing or unreadable. */
export function readExperimentData(dir: string): ExperimentData {
  const summaryFile = join(dir, 'summary.json');
  if (!existsSync(summaryFile)) {
    throw new ReportInputError([`${dir}: expected an experiment's output directory (with summary.json, written by lendsim run), found no summary.json`]);
  }
  const summary = readJson(summaryFile) as Summary;
  const problems: string[] = [];
  if (typeof summary !== 'object' || summary === null) problems.push(`${summaryFile}: expected an object`);
  else {
    if (typeof summary.scenario !== 'string') problems.push(`${summaryFile}: "scenario": expected a string`);
    if (typeof summary.arms !== 'object' || summary.arms === null || !summary.arms.policy || !summary.arms.counterfactual) problems.push(`${summaryFile}: "arms": expected the policy and counterfactual arms`);
    if (!Array.isArray(summary.banks)) problems.push(`${summaryFile}: "banks": expected an array`);
  }
  if (problems.length > 0) throw new ReportInputError(problems);

  const seriesFile = join(dir, 'timeseries.csv');
  const series = existsSync(seriesFile) ? readSeries(readFileSync(seriesFile, 'utf8')) : null;
  const distFile = join(dir, 'distributions.json');
  const distributions = existsSync(distFile) ? (readJson(distFile) as Distributions) : null;
  const manifestFile = join(dir, 'manifest.json');
  let provenance: Provenance = { version: null, gitCommit: null, command: null };
  if (existsSync(manifestFile)) {
    const m = readJson(manifestFile) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    provenance = { version: str(m.lendsim), gitCommit: str(m.gitCommit), command: str(m.command) };
  }
  return { summary, series, distributions, provenance };
}

/** timeseries.csv (`arm,month,metric,mean,lo,hi`) as rows. */
export function readSeries(text: string): SeriesRow[] {
  const table = parseCsv(text);
  const header = table[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const [a, mo, me, mean, lo, hi] = ['arm', 'month', 'metric', 'mean', 'lo', 'hi'].map(col);
  if ([a, mo, me, mean, lo, hi].some((i) => i === undefined || i < 0)) {
    throw new ReportInputError([`timeseries.csv: expected the header arm,month,metric,mean,lo,hi, found ${header.join(',')}`]);
  }
  const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
  return table.slice(1).map((r) => ({
    arm: r[a!] as Arm, month: Number(r[mo!]), metric: r[me!] ?? '', mean: num(r[mean!]), lo: num(r[lo!]), hi: num(r[hi!]),
  }));
}
