/**
 * A sweep, start to finish: every point's runs in one pool (runSet.ts), then each point summarized
 * exactly as `lendsim run` summarizes an experiment, then the sweep's own files.
 *
 * Layout of DIR (= --out):
 *   points/NNN/   one directory per point, a complete `lendsim run` output directory: scenario.json
 *                 (the point's resolved scenario: `lendsim run points/NNN/scenario.json` reruns it),
 *                 runs/ (its run store), summary.json, runs.csv, timeseries.csv, manifest.json and
 *                 whatever else runExperiment writes for the report
 *   sweep.json    the points' values and summaries, turning points, exit points (analysis/sweep)
 *   sweep.csv     point, fields, arm, metric, mean, lo, hi
 *   manifest.json provenance of this execution
 *
 * Common random numbers across points: every point's scenario carries the sweep's seed and the
 * engine derives run i's streams from (seed, i), so run i sees the same draws at every point and the
 * difference between neighbouring points is the rule's doing, not noise.
 *
 * Each point's summary comes from runExperiment itself (in resume mode, all its runs stored), so it
 * is byte for byte what `lendsim run` writes for that point's scenario, whatever runExperiment does
 * now or later. Each file is written to a temp file and renamed into place only when all are
 * complete (manifest.json last), as in experiment.ts.
 */
import { existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { csvValue, sweepOutputs, type SweepResult } from '../../analysis/sweep/sweepOutputs.js';
import { csvText } from '../../analysis/stats/csv.js';
import type { PointData, SweepSpec } from '../../analysis/sweep/pointData.js';
import { snapshotWindows, windowMean } from '../../analysis/stats/windows.js';
import type { FactsFn, Summary } from '../../analysis/stats/summary.js';
import { METRIC_COUNT, METRIC_NAMES } from '../model/metricNames.js';
import { InputError } from '../cli/errors.js';
import { BANK_TYPES, type Scenario } from '../scenario/schema.js';
import type { SweepPlan } from '../sweep/plan.js';
import { atomicWrite, removeStaleTemps, tempPath, writeTemp } from './atomicWrite.js';
import { HashingWriter, RUNS_MONTHLY_FILE, runExperiment, SCENARIO_FILE, scenarioJson, storeMeta } from './experiment.js';
import { sha256 } from './hash.js';
import { gitState, packageInfo } from './manifest.js';
import type { Progress } from './progress.js';
import { computeRunSet, type RunSetOutcome } from './runSet.js';
import { runShard, type ShardOutcome } from './shardRun.js';
import type { ShardSpec } from './shards.js';
import { lockOutDir, RunStore, type StoreMode } from './store.js';

export const SWEEP_FILES = ['sweep.json', 'sweep.csv', 'manifest.json'] as const;

/** `points/007` (at least 3 digits, more when the sweep has more points). */
export function pointSubdir(index: number, count: number): string {
  return join('points', String(index).padStart(Math.max(3, String(count - 1).length), '0'));
}

export function pointDir(outDir: string, index: number, count: number): string {
  return join(outDir, pointSubdir(index, count));
}

export interface SweepOptions {
  plan: SweepPlan;
  outDir: string;
  mode: StoreMode;
  workers: number;
  runner?: string | null;
  workerUrl?: URL;
  signal?: AbortSignal;
  progress?: (total: number, alreadyDone: number) => Progress;
  log?: (line: string) => void;
  /** The command line, for manifests and shard files. */
  command: string;
  /** With --shard: run only this shard and write its file; `rerun` is the command without --shard. */
  shard?: { spec: ShardSpec; rerun: string };
  facts?: FactsFn;
  durable?: boolean;
}

export interface SweepRunResult {
  status: 'done' | 'failed' | 'interrupted';
  outDir: string;
  /** Runs stored and the total (both arms, all points; a shard's share with --shard). */
  stored: number;
  total: number;
  computed: number;
  /** Failed runs with their point. */
  failures: RunSetOutcome['failures'];
  /** sweep.json's text, when a whole sweep is done. */
  sweepJson: string | null;
  result: SweepResult | null;
  files: string[];
  /** With --shard: the shard file written. */
  shard: ShardOutcome | null;
  wallSeconds: number;
}

/** Run a sweep (or one shard of it) and, when complete, write its files. */
export async function runSweep(options: SweepOptions): Promise<SweepRunResult> {
  const t0 = performance.now();
  const startedAt = new Date();
  const { plan, outDir } = options;
  const wall = () => (performance.now() - t0) / 1000;
  mkdirSync(outDir, { recursive: true });
  const common = {
    workers: options.workers,
    ...(options.runner !== undefined ? { runner: options.runner } : {}),
    ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.durable !== undefined ? { durable: options.durable } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.log ? { log: options.log } : {}),
  };

  if (options.shard) {
    const outcome = await runShard({
      outDir, spec: options.shard.spec, kind: 'sweep', name: plan.name, hash: plan.hash,
      members: plan.points.map((p) => ({ scenario: p.scenario, subdir: pointSubdir(p.index, plan.points.length) })),
      command: options.shard.rerun, source: { file: plan.file, fileHash: plan.fileHash, files: plan.files }, plan,
      mode: options.mode, ...common,
    });
    return {
      status: outcome.status, outDir, stored: outcome.stored, total: outcome.total, computed: outcome.computed, failures: outcome.failures,
      sweepJson: null, result: null, files: outcome.file ? [outcome.file] : [], shard: outcome, wallSeconds: wall(),
    };
  }

  // The whole directory is this process's before anything in it is removed or written (a second
  // lendsim on it, --fresh or not, is refused here).
  const unlock = lockOutDir(outDir);
  try {
    if (options.mode === 'fresh') rmSync(join(outDir, 'points'), { recursive: true, force: true });
    const outcome = await computeRunSet({
      members: plan.points.map((p) => ({ scenario: p.scenario, outDir: pointDir(outDir, p.index, plan.points.length) })),
      mode: options.mode, ...common,
    });
    // After the stores accepted this sweep (a refused --out keeps its own scenario.json files), and
    // before a failure is reported: its reproduce command runs the point's scenario.json.
    writePointScenarios(plan, outDir);
    const base = { outDir, stored: outcome.stored, total: outcome.total, computed: outcome.computed, failures: outcome.failures, shard: null };
    if (outcome.failures.length > 0 || outcome.interrupted) {
      return { ...base, status: outcome.failures.length > 0 ? 'failed' : 'interrupted', sweepJson: null, result: null, files: [], wallSeconds: wall() };
    }
    const written = await summarizeSweep(plan, outDir, {
      workers: options.workers, command: options.command, startedAt, t0, computed: outcome.computed,
      reused: outcome.total - outcome.computed, ...(options.facts ? { facts: options.facts } : {}), ...(options.log ? { log: options.log } : {}),
    });
    return { ...base, status: 'done', sweepJson: written.sweepJson, result: written.result, files: written.files, wallSeconds: wall() };
  } finally {
    unlock();
  }
}

/** Each point's resolved scenario as DIR/points/NNN/scenario.json (what `lendsim run` reruns it from). */
export function writePointScenarios(plan: SweepPlan, outDir: string): void {
  for (const p of plan.points) {
    const dir = pointDir(outDir, p.index, plan.points.length);
    mkdirSync(dir, { recursive: true });
    atomicWrite(join(dir, SCENARIO_FILE), scenarioJson(p.scenario));
  }
}

/** The sweep's long table: every point's runs-monthly.csv, the swept fields as leading columns. */
export const SWEEP_RUNS_MONTHLY_FILE = 'sweep-runs-monthly.csv';

/**
 * Write sweep-runs-monthly.csv (`point,<field>...,run,arm,seed,month,metric,value`) to a temp file from
 * the points' runs-monthly.csv, one point in memory at a time; null when the points have none
 * (`outputs.runsCsv` off).
 */
function writeSweepRunsMonthly(plan: SweepPlan, outDir: string): { temp: { tmp: string; file: string }; hash: string } | null {
  const sources = plan.points.map((p) => join(pointDir(outDir, p.index, plan.points.length), RUNS_MONTHLY_FILE));
  if (!sources.every((f) => existsSync(f))) return null;
  const file = join(outDir, SWEEP_RUNS_MONTHLY_FILE);
  const tmp = tempPath(file);
  const writer = new HashingWriter(openSync(tmp, 'w'));
  try {
    writer.write(`point,${plan.fields.map(csvText).join(',')},run,arm,seed,month,metric,value\n`);
    plan.points.forEach((p, i) => {
      const lead = `${i},${plan.fields.map((f) => csvValue(p.values[f])).join(',')},`;
      const text = readFileSync(sources[i]!, 'utf8');
      const body = text.slice(text.indexOf('\n') + 1);
      if (body.length > 0) writer.write(`${lead}${body.slice(0, -1).split('\n').join(`\n${lead}`)}\n`);
    });
    return { temp: { tmp, file }, hash: writer.close() };
  } catch (err) {
    writer.abandon();
    rmSync(tmp, { force: true });
    throw err;
  }
}

export interface SummarizeOptions {
  workers: number;
  command: string;
  startedAt: Date;
  t0: number;
  /** Runs computed by this execution and found stored (for the manifest). */
  computed: number;
  reused: number;
  facts?: FactsFn;
  log?: (line: string) => void;
  /** Extra provenance for manifest.json (the shards a merge combined). */
  extraManifest?: Record<string, unknown>;
}

/**
 * Summarize a sweep whose runs are all stored under DIR/points/: each point through runExperiment
 * (its summary.json and the other files of a run), then sweep.json, sweep.csv and manifest.json.
 */
export async function summarizeSweep(
  plan: SweepPlan,
  outDir: string,
  options: SummarizeOptions,
): Promise<{ sweepJson: string; result: SweepResult; files: string[] }> {
  const log = options.log ?? (() => {});
  const points: PointData[] = [];
  for (const p of plan.points) {
    const dir = pointDir(outDir, p.index, plan.points.length);
    const r = await runExperiment({
      scenario: p.scenario, outDir: dir, mode: 'resume', workers: options.workers,
      // Resuming a complete store: nothing is computed, only summarized.
      log: (line) => {
        if (!line.startsWith('resuming:')) log(`point ${p.index}: ${line}`);
      },
      provenance: { command: options.command, scenarioFile: join(dir, 'scenario.json'), scenarioFileHash: plan.fileHash, files: plan.files },
      ...(options.facts ? { facts: options.facts } : {}),
      durable: false, summarizeOnly: true,
    });
    if (r.status !== 'done' || r.summaryJson === null) {
      throw new Error(`summarizeSweep: point ${p.index} is incomplete (${r.stored} of ${r.total} runs stored in ${dir})`);
    }
    const ends = endValues(dir, p.scenario);
    points.push({ values: p.values, summary: JSON.parse(r.summaryJson) as Summary, policyEnd: ends.policy, counterfactualEnd: ends.counterfactual });
  }

  const spec: SweepSpec = { name: plan.name, fields: plan.fields, design: plan.design, runs: plan.runs, seed: plan.seed, metrics: METRIC_NAMES };
  const numeric = plan.fields.filter((f) => plan.fieldKinds[f] === 'number' || plan.fieldKinds[f] === 'integer');
  let out: ReturnType<typeof sweepOutputs>;
  try {
    out = sweepOutputs(spec, points, BANK_TYPES, numeric);
  } catch (err) {
    // Bounded by MAX_SWEEP_POINTS for ordinary scenarios; many named banks make each summary larger.
    if (!(err instanceof RangeError)) throw err;
    throw new InputError(`${outDir}: the ${plan.points.length} points' summaries make a sweep.json larger than Node can hold (${err.message}); every run is stored under ${join(outDir, 'points')}: split the sweep into smaller ones`);
  }

  removeStaleTemps(outDir);
  const temps: { tmp: string; file: string }[] = [];
  const outputs: Record<string, string> = {};
  try {
    const add = (name: string, text: string) => {
      temps.push({ tmp: writeTemp(join(outDir, name), text), file: join(outDir, name) });
      outputs[name] = sha256(text);
    };
    add('sweep.json', out.sweepJson);
    add('sweep.csv', out.sweepCsv);
    const monthly = writeSweepRunsMonthly(plan, outDir);
    if (monthly) {
      temps.push(monthly.temp);
      outputs[SWEEP_RUNS_MONTHLY_FILE] = monthly.hash;
    }
    const git = gitState();
    const manifest = {
      lendsim: packageInfo().version,
      gitCommit: git.commit,
      gitDirty: git.dirty,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      command: options.command,
      workers: options.workers,
      wallSeconds: Math.round(((performance.now() - options.t0) / 1000) * 1000) / 1000,
      startedAt: options.startedAt.toISOString(),
      sweep: { name: plan.name, file: plan.file, fileHash: plan.fileHash, files: plan.files, planHash: plan.hash },
      design: plan.design,
      fields: plan.fields,
      points: plan.points.length,
      runs: plan.runs,
      seed: plan.seed,
      runsComputed: options.computed,
      runsReused: options.reused,
      ...(options.extraManifest ?? {}),
      outputs,
    };
    temps.push({ tmp: writeTemp(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`), file: join(outDir, 'manifest.json') });
    for (const { tmp, file } of temps) renameSync(tmp, file);
  } catch (err) {
    for (const { tmp } of temps) rmSync(tmp, { force: true });
    throw err;
  }
  return { sweepJson: out.sweepJson, result: out.result, files: temps.map((t) => t.file) };
}

/**
 * Every run's end-window value of every metric at one point, metric-major (index metric * runs + run),
 * read back from its store: the numbers summary.json's `end` statistics are made of.
 */
export function endValues(dir: string, scenario: Scenario): { policy: Float64Array; counterfactual: Float64Array } {
  const runs = scenario.runs;
  const policy = new Float64Array(METRIC_COUNT * runs);
  const counterfactual = new Float64Array(METRIC_COUNT * runs);
  const end = snapshotWindows(scenario.months, scenario.ruleStartMonth).end;
  const store = RunStore.open(dir, storeMeta(scenario), { mode: 'resume', displayDir: dir, durable: false });
  try {
    for (const r of store.results()) {
      const target = r.arm === 'policy' ? policy : counterfactual;
      for (let k = 0; k < METRIC_COUNT; k++) target[k * runs + r.runIndex] = windowMean(r.series, METRIC_COUNT, k, end);
    }
  } finally {
    store.close();
  }
  return { policy, counterfactual };
}

/** A finished sweep's sweep.json, parsed (for `lendsim report` and tests). */
export function readSweepJson(outDir: string): SweepResult {
  return JSON.parse(readFileSync(join(outDir, 'sweep.json'), 'utf8')) as SweepResult;
}
