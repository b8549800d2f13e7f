/**
 * One experiment, start to finish: open the run store in the output directory, compute the runs it
 * lacks across the worker pool, then read every run back in run-index order, summarize, and write
 * the result files.
 *
 * This is where runs meet their statistics, so sim/run imports analysis/stats here (and only here):
 * the engine below (sim/model and what it uses) knows neither workers nor statistics.
 *
 * Output files (CONTRACT.md): summary.json, runs.csv and runs-monthly.csv (`outputs.runsCsv`),
 * timeseries.csv (`outputs.timeseriesCsv`), scenario.json (the resolved scenario),
 * distributions.json (what the report draws beyond the summary), manifest.json.
 * Each is written to a temp file in the same directory and flushed; only when all are written are
 * they renamed into place (manifest.json last), so an experiment that fails or is killed never
 * leaves a half-written file and never replaces an earlier result. The renames themselves take
 * microseconds; a kill exactly between two of them leaves a mix of the new and the old files, which
 * manifest.json's `outputs` hashes reveal. Then, from those files alone, report.html and charts/
 * (reportData.ts; `outputs.report`).
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ExperimentAggregator, RUNS_MONTHLY_HEADER, runsCsvHeader, runsMonthlyRows, type BankInfo } from '../../analysis/stats/aggregate.js';
import { summaryFacts } from '../../analysis/stats/facts.js';
import type { FactsFn, Summary } from '../../analysis/stats/summary.js';
import { METRIC_NAMES } from '../model/metricNames.js';
import { namedBankIds, unpack } from '../model/pack.js';
import { ARMS } from '../model/result.js';
import type { Scenario } from '../scenario/schema.js';
import { removeStaleTemps, tempPath, writeTemp } from './atomicWrite.js';
import { DISTRIBUTIONS_FILE, distributionsAggregator, writeExperimentReport } from './reportData.js';
import { computeRuns, type ComputeOptions } from './computeRuns.js';
import { runTaskPool, type RunFailure } from './taskPool.js';
import type { RunTask } from './task.js';
import { scenarioHash, sha256 } from './hash.js';
import { buildManifest, gitState, runtimeIdentity, type ManifestInput } from './manifest.js';
import { silentProgress, type Progress } from './progress.js';
import { RunStore, STORE_FORMAT, type StoreMeta, type StoreMode } from './store.js';

export interface ExperimentOptions {
  /** The scenario to run, --runs and --seed already applied. */
  scenario: Scenario;
  /**
   * Where the run store and the result files go. null or omitted: run in memory, write nothing,
   * and return the summary (and timeseries.csv's text); every run's packed result (a few tens of KB)
   * is held until the end.
   */
  outDir?: string | null;
  /** What to do with runs already stored in outDir (default `new`: refuse a directory holding runs). */
  mode?: StoreMode;
  /** Worker threads (default: available cores). */
  workers?: number;
  /** Test runner module instead of the engine (see WorkerConfig). */
  runner?: string | null;
  workerUrl?: URL;
  resourceLimits?: ComputeOptions['resourceLimits'];
  signal?: AbortSignal;
  /** Progress display; default none. */
  progress?: (total: number, alreadyDone: number) => Progress;
  /** Warnings and notes (stderr in the CLI); default none. */
  log?: (line: string) => void;
  /** Provenance for manifest.json. */
  provenance?: { command: string; scenarioFile: string | null; scenarioFileHash: string | null; files: readonly string[] };
  facts?: FactsFn;
  /** Flush each stored run to disk (default true). */
  durable?: boolean;
  /** Compute nothing: every run must be stored already (merge, a sweep's summaries); throws otherwise. */
  summarizeOnly?: boolean;
}

export interface ExperimentResult {
  status: 'done' | 'failed' | 'interrupted';
  /** The output directory; null for an experiment run in memory. */
  outDir: string | null;
  /** Runs stored (both arms counted) and the experiment's total. */
  stored: number;
  total: number;
  /** Runs computed by this call. */
  computed: number;
  failures: RunFailure[];
  /** summary.json's text, when done. */
  summaryJson: string | null;
  /** The summary itself (summary.json parsed, typed), when done. */
  summary: Summary | null;
  /** timeseries.csv's text, when done in memory (on disk: the file). */
  timeseriesCsv: string | null;
  /** Files written, when done (absolute or as given). */
  files: string[];
  /** report.html, when done and the scenario asks for a report. */
  report: string | null;
  wallSeconds: number;
}

/** The named banks of a scenario, in run order, as the summary lists them. */
export function bankInfos(scenario: Scenario): BankInfo[] {
  return namedBankIds(scenario).map((id) => {
    const b = scenario.banks.named[id]!;
    return { id, name: b.name, type: b.type };
  });
}

/** What the store's runs are tied to. */
export function storeMeta(scenario: Scenario): StoreMeta {
  return {
    format: STORE_FORMAT,
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    seed: scenario.seed,
    runs: scenario.runs,
    months: scenario.months,
    metrics: [...METRIC_NAMES],
    banks: namedBankIds(scenario),
    lendsim: runtimeIdentity(),
    gitCommit: gitState().commit,
  };
}

/**
 * Run an experiment: every run of both arms across worker threads, then its statistics. With an
 * `outDir`, the runs are stored there as they finish and the result files written (what `lendsim
 * run` does); without one, nothing is written and the result carries the summary.
 * @example const r = await runExperiment({ scenario: { ...loadScenario('small.yaml').scenario, runs: 4 } });
 *          r.summary?.effect.links.mean
 */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const { scenario } = options;
  if (options.outDir == null) return runInMemory(options, t0);
  const outDir = options.outDir;
  const mode = options.mode ?? 'new';
  const workers = options.workers ?? availableParallelism();
  const log = options.log ?? (() => {});
  mkdirSync(outDir, { recursive: true });
  removeStaleTemps(outDir);

  const store = RunStore.open(outDir, storeMeta(scenario), { mode, displayDir: outDir, durable: options.durable ?? true });
  try {
    for (const w of store.warnings) log(w);
    for (const note of store.notes()) log(note);
    const alreadyDone = store.count;
    if (options.summarizeOnly && store.count < store.total) throw new Error(`${outDir}: ${store.count} of ${store.total} runs are stored; expected all of them (nothing is computed here)`);
    if (mode === 'resume' && alreadyDone > 0) log(`resuming: ${alreadyDone} of ${store.total} runs already stored in ${outDir}`);

    const progress = store.count < store.total ? (options.progress ?? (() => silentProgress))(store.total, alreadyDone) : silentProgress;
    const outcome = await computeRuns({
      scenario, store, workers,
      ...(options.runner !== undefined ? { runner: options.runner } : {}),
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onRunStored: (done) => progress.update(done),
    });
    if (outcome.computed > 0 || outcome.failures.length > 0 || outcome.interrupted) progress.finish();

    const base = { outDir, stored: store.count, total: store.total, computed: outcome.computed, failures: outcome.failures };
    if (outcome.failures.length > 0 || outcome.interrupted) {
      return { ...base, ...noResult(), status: outcome.failures.length > 0 ? 'failed' : 'interrupted', wallSeconds: (performance.now() - t0) / 1000 };
    }

    const written = writeResults(store, scenario, outDir, { ...options, workers }, {
      startedAt, t0, computed: outcome.computed, reused: alreadyDone,
    });
    const reportFiles = await writeExperimentReport(scenario, outDir);
    return {
      ...base, status: 'done', summaryJson: written.summaryJson, summary: written.summary, timeseriesCsv: null, files: [...written.files, ...reportFiles],
      report: reportFiles[0] ?? null, wallSeconds: (performance.now() - t0) / 1000,
    };
  } finally {
    store.close();
  }
}

/** What a result without statistics (failed, interrupted) carries. */
function noResult(): Pick<ExperimentResult, 'summaryJson' | 'summary' | 'timeseriesCsv' | 'files' | 'report'> {
  return { summaryJson: null, summary: null, timeseriesCsv: null, files: [], report: null };
}

function aggregatorFor(scenario: Scenario): ExperimentAggregator {
  return new ExperimentAggregator({
    scenario: scenario.name, seed: scenario.seed, runs: scenario.runs, months: scenario.months,
    ruleStartMonth: scenario.ruleStartMonth, banks: bankInfos(scenario),
  });
}

/** The experiment without a store: runs kept in memory, summarized in run-index order, nothing written. */
async function runInMemory(options: ExperimentOptions, t0: number): Promise<ExperimentResult> {
  const { scenario } = options;
  const total = scenario.runs * ARMS.length;
  const buffers: ArrayBuffer[] = new Array<ArrayBuffer>(total);
  const progress = (options.progress ?? (() => silentProgress))(total, 0);
  let done = 0;
  const outcome = await runTaskPool<RunTask>({
    tasks: Array.from({ length: total }, (_, i) => ({ scenario, arm: ARMS[i % ARMS.length]!, runIndex: Math.floor(i / ARMS.length) })),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.runner != null ? { runner: options.runner } : {}),
    ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: (task, buffer) => {
      buffers[task.runIndex * ARMS.length + ARMS.indexOf(task.arm)] = buffer;
      progress.update(++done);
    },
  });
  progress.finish();
  const failures = outcome.failures.map(({ task: _task, ...failure }) => failure);
  const base = { outDir: null, stored: done, total, computed: done, failures };
  if (failures.length > 0 || outcome.interrupted) {
    return { ...base, ...noResult(), status: failures.length > 0 ? 'failed' : 'interrupted', wallSeconds: (performance.now() - t0) / 1000 };
  }
  const aggregator = aggregatorFor(scenario);
  const bankIds = namedBankIds(scenario);
  buffers.forEach((b, i) => {
    aggregator.add(unpack(b, bankIds));
    delete buffers[i];
  });
  const { summary, summaryJson, timeseriesCsv } = aggregator.finish(options.facts ?? summaryFacts);
  return { ...base, ...noResult(), status: 'done', summaryJson, summary, timeseriesCsv, wallSeconds: (performance.now() - t0) / 1000 };
}

/** Summarize a complete store and write the result files atomically. */
function writeResults(
  store: RunStore,
  scenario: Scenario,
  outDir: string,
  options: ExperimentOptions & { workers: number },
  run: { startedAt: Date; t0: number; computed: number; reused: number },
): { summaryJson: string; summary: Summary; files: string[] } {
  const aggregator = aggregatorFor(scenario);
  const distributions = distributionsAggregator(scenario);
  const path = (name: string) => join(outDir, name);
  // Outputs the scenario turned off are not written, and an older copy is removed so that it is
  // never mistaken for this experiment's.
  const off = [...(scenario.outputs.runsCsv ? [] : ['runs.csv', RUNS_MONTHLY_FILE]), ...(scenario.outputs.timeseriesCsv ? [] : ['timeseries.csv'])];
  const temps: { tmp: string; file: string }[] = [];
  const outputs: Record<string, string> = {};
  try {
    // runs.csv and runs-monthly.csv are streamed: each run's rows as the store is read back, never
    // the whole table in memory (`outputs.runsCsv` turns both off).
    const sinks = scenario.outputs.runsCsv ? [openStreamed(path('runs.csv'), temps), openStreamed(path(RUNS_MONTHLY_FILE), temps)] : [];
    const [sink, monthly] = sinks;
    try {
      sink?.write(runsCsvHeader());
      monthly?.write(RUNS_MONTHLY_HEADER);
      for (const result of store.results()) {
        const row = aggregator.add(result);
        distributions.add(result);
        sink?.write(row);
        monthly?.write(runsMonthlyRows(result));
      }
      if (sink) outputs['runs.csv'] = sink.close();
      if (monthly) outputs[RUNS_MONTHLY_FILE] = monthly.close();
    } catch (err) {
      for (const s of sinks) s.abandon();
      throw err;
    }

    const { summary, summaryJson, timeseriesCsv } = aggregator.finish(options.facts ?? summaryFacts);
    const add = (name: string, text: string) => {
      temps.push({ tmp: writeTemp(path(name), text), file: path(name) });
      outputs[name] = sha256(text);
    };
    if (scenario.outputs.timeseriesCsv) add('timeseries.csv', timeseriesCsv);
    add('summary.json', summaryJson);
    // The resolved scenario the results came from: `lendsim run DIR/scenario.json` reruns it.
    add(SCENARIO_FILE, scenarioJson(scenario));
    add(DISTRIBUTIONS_FILE, distributions.finishJson());

    const prov = options.provenance ?? { command: '', scenarioFile: null, scenarioFileHash: null, files: [] };
    const manifest: ManifestInput = {
      command: prov.command,
      workers: options.workers,
      wallSeconds: (performance.now() - run.t0) / 1000,
      startedAt: run.startedAt,
      scenario: { name: scenario.name, file: prov.scenarioFile, fileHash: prov.scenarioFileHash, files: prov.files, resolvedHash: store.meta.scenarioHash },
      seed: scenario.seed, runs: scenario.runs, months: scenario.months,
      runsComputed: run.computed, runsReused: run.reused,
      outputs: { ...outputs },
    };
    temps.push({ tmp: writeTemp(path('manifest.json'), `${JSON.stringify(buildManifest(manifest), null, 2)}\n`), file: path('manifest.json') });

    // Every file is complete on disk; now swap them in, manifest.json last.
    for (const { tmp, file } of temps) renameSync(tmp, file);
    for (const name of off) rmSync(path(name), { force: true });
    return { summaryJson, summary, files: temps.map((t) => t.file) };
  } catch (err) {
    for (const { tmp } of temps) rmSync(tmp, { force: true });
    throw err;
  }
}

/** A streamed output: a HashingWriter on the temp file of `file`, registered for the final rename. */
function openStreamed(file: string, temps: { tmp: string; file: string }[]): HashingWriter {
  const tmp = tempPath(file);
  const writer = new HashingWriter(openSync(tmp, 'w'));
  temps.push({ tmp, file });
  return writer;
}

/** The long table of every run, month and metric (docs/contract.md v2). */
export const RUNS_MONTHLY_FILE = 'runs-monthly.csv';
/** The resolved scenario of a run directory. */
export const SCENARIO_FILE = 'scenario.json';

/** scenario.json's text: the resolved scenario, every default filled (a sweep's points/NNN/ write the same). */
export function scenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** Buffers text into ~1 MB writes to a file, flushes it to disk on close, and hashes what it wrote. */
export class HashingWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  private readonly hash = createHash('sha256');
  constructor(fd: number) {
    this.fd = fd;
  }
  write(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending > 1 << 20) this.flush();
  }
  /** Flush, fsync, close; returns the sha256 of everything written. */
  close(): string {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    return this.hash.digest('hex');
  }
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
  private flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.hash.update(buf);
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
  }
}
