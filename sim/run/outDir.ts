/**
 * Output directories: where an experiment's results go by default (output/<slug of the scenario
 * name>), and whether lendsim may write into one (claimOutDir).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { describeIoError, InputError } from '../cli/errors.js';

/**
 * A file-name-safe form of a scenario name: letters, digits, '.', '_' and '-' kept (case too), any
 * other run of characters becomes one '-', no leading dots or dashes. "China 2025 / base" ->
 * "China-2025-base"; a name with nothing usable -> "scenario".
 */
export function slug(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 100);
  return s === '' ? 'scenario' : s;
}

/** output/<slug(name)>, relative to the working directory. */
export function defaultOutDir(name: string): string {
  return join('output', slug(name));
}

/**
 * What lendsim writes at the top of an output directory (run, sweep, shards, merge, report), and
 * `slurm-logs/`, which cluster/submit.sh makes there for the jobs' logs before any shard runs.
 */
const OWN_NAMES = new Set([
  'summary.json', 'runs.csv', 'timeseries.csv', 'distributions.json', 'manifest.json', 'report.html', 'charts',
  'runs', 'shards', 'points', 'sweep.json', 'sweep.csv', 'scenario.json', 'lock', 'slurm-logs',
  'runs-monthly.csv', 'sweep-runs-monthly.csv',
]);
/** What lendsim writes inside the folders it makes, by folder. */
const OWN_INSIDE: Record<string, (name: string) => boolean> = {
  runs: (n) => n === 'meta.json' || n === 'runs.log' || n === 'lock',
  shards: (n) => n.endsWith('.lss') || /^work-\d+-of-\d+$/.test(n),
  points: (n) => /^\d+$/.test(n),
};
const TEMP = /^\..+\.tmp-\d+$/;
// The long tables, and what decompose, sensitivity and calibrate write (issue 14).
for (const name of ['runs-monthly.csv', 'sweep-runs-monthly.csv', 'decompose.json', 'decompose.csv', 'decompose.html', 'sensitivity.json', 'sensitivity.csv', 'calibration.json', 'fitted.yaml']) OWN_NAMES.add(name);

function entries(dir: string, label: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    throw new InputError(`${label} ${dir}: cannot read it (${describeIoError(err)})`);
  }
}

/**
 * The entries of `dir` that lendsim did not write, as paths relative to it; every entry when
 * nothing in it shows lendsim made it (a runs/, points/, shards/ or slurm-logs/ folder, its lock, or
 * its manifest.json: lendsim makes one of these before any other file).
 */
function foreignEntries(dir: string, label: string): string[] {
  const foreign: string[] = [];
  const names = entries(dir, label).filter((n) => !TEMP.test(n)).sort();
  let evidence = false;
  for (const name of names) {
    if (!OWN_NAMES.has(name)) {
      foreign.push(name);
      continue;
    }
    const inside = OWN_INSIDE[name];
    const path = join(dir, name);
    if (inside) {
      if (!statSync(path).isDirectory()) {
        foreign.push(name);
        continue;
      }
      evidence = true;
      for (const sub of readdirSync(path)) if (!TEMP.test(sub) && !inside(sub)) foreign.push(`${name}/${sub}`);
    } else if (name === 'lock' || name === 'slurm-logs') {
      evidence = true;
    } else if (name === 'manifest.json') {
      try {
        if (typeof (JSON.parse(readFileSync(path, 'utf8')) as { lendsim?: unknown }).lendsim === 'string') evidence = true;
      } catch {
        // not lendsim's manifest
      }
    }
  }
  return evidence ? foreign : names;
}

/**
 * Check that lendsim may write into `dir` (--out, or merge's DIR) before anything is written: a new
 * or empty directory, or one lendsim made (only the files it writes, and its runs/, points/ or
 * shards/, or its manifest.json). Another tool's directory, or a file system's root, is refused
 * unless `force` (--force; never for a root). Exit 2 via InputError.
 */
export function claimOutDir(dir: string, force: boolean, label = '--out'): void {
  if (resolve(dir) === parse(resolve(dir)).root) throw new InputError(`${label} ${dir}: the root of a file system; choose a directory of its own`);
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new InputError(`${label} ${dir}: expected a directory, found a file`);
  if (force) return;
  const foreign = foreignEntries(dir, label);
  if (foreign.length === 0) return;
  const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, ... (${foreign.length} in all)` : '');
  throw new InputError(`${label} ${dir}: expected an empty or new directory, or one lendsim made; found files lendsim did not write (${shown}); choose another directory, or pass --force to write into it anyway (files named like lendsim's are then replaced)`);
}

/**
 * mkdir -p, one level at a time: Node's own recursive mkdir never returns where a parent exists but
 * refuses children (it loops on ENOENT under /proc/self), and a process stuck in it ignores signals.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/**
 * claimOutDir, then make the directory and prove it writable (a probe file, removed): a path that
 * cannot hold the results (under a file, read-only, no permission) is bad input, refused before any
 * run. Exit 2 via InputError.
 */
export function prepareOutDir(dir: string, force: boolean, label = '--out'): void {
  claimOutDir(dir, force, label);
  const probe = join(dir, `.probe.tmp-${process.pid}`);
  try {
    makeDirs(dir);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new InputError(`${label} ${dir}: cannot write there: ${describeIoError(err)}`);
  }
}
