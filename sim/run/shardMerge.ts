/**
 * `lendsim merge DIR`: combine DIR/shards/shard-I-of-N.lss into the files one machine would have
 * written. The shards' runs are imported into the run stores a one-machine run keeps (DIR/runs/, or
 * DIR/points/NNN/runs/ for a sweep) and summarized by the very code a one-machine run uses, so
 * summary.json and sweep.json are the same bytes, and every other file is the one `run`/`sweep`
 * writes.
 *
 * Refused, before anything is written: shards of different run sets (scenario or sweep content hash,
 * seed, runs, N, lendsim version), a lendsim other than the one that made them, a missing shard
 * (named, with the command that makes it), a damaged or truncated shard file (named, with the same).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactsFn } from '../../analysis/stats/summary.js';
import type { SweepResult } from '../../analysis/sweep/sweepOutputs.js';
import { InputError } from '../cli/errors.js';
import { namedBankIds, readPackedHeader, unpack } from '../model/pack.js';
import { ARMS } from '../model/result.js';
import type { Scenario } from '../scenario/schema.js';
import type { SweepPlan } from '../sweep/plan.js';
import { runExperiment, storeMeta, type ExperimentResult } from './experiment.js';
import { runtimeIdentity } from './manifest.js';
import { shellQuote } from './reproduce.js';
import { taskIndex } from './runSet.js';
import { checkShardPlan } from './shardHeader.js';
import {
  identityDifferences, inShard, readShardHeader, shardRecords, shardsDir, shardTaskCount, SHARD_EXTENSION, type ShardFile, type ShardSpec,
} from './shards.js';
import { pointDir, summarizeSweep, writePointScenarios } from './sweep.js';
import { lockOutDir, RunStore, storeDir } from './store.js';

export interface MergeOptions {
  outDir: string;
  /** The merge command line, for manifest.json. */
  command: string;
  /** Replace the results of another experiment found in DIR (default: refuse). */
  force?: boolean;
  workers?: number;
  facts?: FactsFn;
  log?: (line: string) => void;
}

export interface MergeResult {
  kind: 'run' | 'sweep';
  name: string;
  shards: number;
  runs: number;
  /** summary.json (run) or sweep.json (sweep) text. */
  json: string;
  sweep: SweepResult | null;
  /** The sweep's plan (kind sweep). */
  plan: SweepPlan | null;
  experiment: ExperimentResult | null;
  files: string[];
}

/** The command that makes shard `index` of a run set, from the command a shard recorded. */
export function shardCommand(command: string, spec: ShardSpec): string {
  return `${command} --shard ${shellQuote(`${spec.index}/${spec.count}`)}`;
}

/** The shard files of DIR/shards, read and checked to belong together and be complete. @throws InputError */
export function collectShards(outDir: string): ShardFile[] {
  const dir = shardsDir(outDir);
  if (!existsSync(dir)) throw new InputError(`${outDir}: no shards/ directory; run the shards first (lendsim run|sweep FILE --shard I/N --out ${outDir}, for I = 0 .. N-1), then merge`);
  const names = readdirSync(dir).filter((f) => f.endsWith(SHARD_EXTENSION)).sort();
  if (names.length === 0) {
    const work = readdirSync(dir).filter((f) => f.startsWith('work-'));
    throw new InputError(`${dir}: no shard files (shard-I-of-N${SHARD_EXTENSION})${work.length > 0 ? `; shards still running or stopped: ${work.join(', ')}` : ''}; run the shards (lendsim run|sweep FILE --shard I/N --out ${outDir}) first`);
  }
  const problems: string[] = [];
  const shards: ShardFile[] = [];
  for (const name of names) {
    try {
      shards.push(readShardHeader(join(dir, name)));
    } catch (err) {
      problems.push(`${(err as Error).message}; delete it or run that shard again`);
    }
  }
  if (problems.length > 0) throw new InputError(problems);

  // Belong together: the identity of the most common group is the reference.
  const groups = new Map<string, ShardFile[]>();
  for (const s of shards) {
    const h = s.header;
    const key = JSON.stringify([h.format, h.kind, h.name, h.hash, h.seed, h.runs, h.shards, h.lendsim]);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  const reference = ordered[0]![0]!.header;
  if (ordered.length > 1) {
    const lines = [`${dir}: the shard files do not belong together (they must share the scenario or sweep, its content hash, seed, runs, shard count and lendsim version); delete the shards of the other run, or merge each run in its own directory:`];
    lines.push(`${ordered[0]!.map((s) => fileName(s)).join(', ')}: ${reference.kind} ${JSON.stringify(reference.name)}, hash ${reference.hash.slice(0, 12)}, seed ${reference.seed}, ${reference.runs} runs, ${reference.shards} shards, lendsim ${reference.lendsim}`);
    for (const g of ordered.slice(1)) {
      lines.push(`${g.map((s) => fileName(s)).join(', ')}: differ from those in ${identityDifferences(g[0]!.header, reference).join('; ')}`);
    }
    throw new InputError(lines.join('\n    '));
  }
  const version = runtimeIdentity(); // lendsim version and Node major (manifest.ts)
  if (reference.lendsim !== version) {
    throw new InputError(`${dir}: the shards were made by lendsim ${reference.lendsim}, this is lendsim ${version}: merge them with the version that made them, or run the shards again with this one`);
  }
  const seen = new Map<number, ShardFile>();
  for (const s of shards) {
    const other = seen.get(s.header.shard);
    if (other) throw new InputError(`${dir}: ${fileName(other)} and ${fileName(s)} both hold shard ${s.header.shard}; delete one`);
    seen.set(s.header.shard, s);
  }
  const missing: number[] = [];
  for (let i = 0; i < reference.shards; i++) if (!seen.has(i)) missing.push(i);
  if (missing.length > 0) {
    const shown = missing.slice(0, 20);
    const work = readdirSync(dir).filter((f) => f.startsWith('work-'));
    throw new InputError([
      `${dir}: ${missing.length} of ${reference.shards} shards missing: ${shown.join(', ')}${missing.length > shown.length ? ', ...' : ''}${work.length > 0 ? ` (started, not finished: ${work.join(', ')})` : ''}; run ${missing.length === 1 ? 'it' : 'them'} (on any machine, into this directory's shards/), then merge again:`,
      ...shown.map((i) => shardCommand(reference.command, { index: i, count: reference.shards })),
    ].join('\n    '));
  }
  return [...seen.values()].sort((a, b) => a.header.shard - b.header.shard);
}

function fileName(s: ShardFile): string {
  return s.file.split(/[\\/]/).pop() ?? s.file;
}

/**
 * Import every shard's runs into the stores a one-machine run would have, then summarize.
 * @throws InputError when the shards cannot be merged (see collectShards) or a file is damaged.
 */
export async function mergeShards(options: MergeOptions): Promise<MergeResult> {
  const t0 = performance.now();
  const startedAt = new Date();
  const { outDir } = options;
  const shards = collectShards(outDir);
  const unlock = lockOutDir(outDir);
  try {
    return await mergeChecked(shards, options, startedAt, t0);
  } finally {
    unlock();
  }
}

async function mergeChecked(shards: ShardFile[], options: MergeOptions, startedAt: Date, t0: number): Promise<MergeResult> {
  const { outDir } = options;
  const log = options.log ?? (() => {});
  const h = shards[0]!.header;
  const workers = options.workers ?? 1;

  let checked: { scenario: Scenario } | SweepPlan;
  try {
    checked = checkShardPlan(shards[0]!.file, h);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const members = 'scenario' in checked ? [checked.scenario] : checked.points.map((p) => p.scenario);
  if (!options.force) refuseOtherResults(outDir, checked, members);
  for (const s of shards) {
    const expected = shardTaskCount(members.length * h.runs * ARMS.length, { index: s.header.shard, count: h.shards });
    if (s.header.tasks !== expected) throw new InputError(`${s.file}: its header says ${s.header.tasks} runs, shard ${s.header.shard} of ${h.shards} of this run set has ${expected}; the file was edited or damaged; run that shard again`);
  }

  if ('scenario' in checked) {
    const { scenario } = checked;
    importShards(shards, members, () => outDir, shardsDir(outDir));
    const r = await runExperiment({
      scenario, outDir, mode: 'resume', workers, durable: false, summarizeOnly: true,
      log: (line) => {
        if (!line.startsWith('resuming:')) log(line);
      },
      provenance: { command: options.command, scenarioFile: h.source.file, scenarioFileHash: h.source.fileHash, files: h.source.files },
      ...(options.facts ? { facts: options.facts } : {}),
    });
    if (r.status !== 'done' || r.summaryJson === null) throw new Error(`merge: ${r.stored} of ${r.total} runs after importing the shards of ${outDir}`);
    return { kind: 'run', name: h.name, shards: h.shards, runs: h.runs, json: r.summaryJson, sweep: null, plan: null, experiment: r, files: r.files };
  }

  const plan = checked;
  const count = plan.points.length;
  importShards(shards, members, (member) => pointDir(outDir, member, count), shardsDir(outDir));
  writePointScenarios(plan, outDir);
  const written = await summarizeSweep(plan, outDir, {
    workers, command: options.command, startedAt, t0, computed: 0, reused: plan.points.length * plan.runs * ARMS.length,
    extraManifest: { mergedShards: { count: h.shards, command: h.command } },
    ...(options.facts ? { facts: options.facts } : {}), log,
  });
  return { kind: 'sweep', name: h.name, shards: h.shards, runs: h.runs, json: written.sweepJson, sweep: written.result, plan, experiment: null, files: written.files };
}

/** JSON of a file, or null when it is missing or not JSON. */
function jsonOf(file: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Merge empties DIR's run stores and replaces its result files: refuse when they are another
 * experiment's (another scenario or sweep finished or started there), naming it.
 */
function refuseOtherResults(outDir: string, checked: { scenario: Scenario } | SweepPlan, members: readonly Scenario[]): void {
  const other = (what: string) => new InputError(`${outDir}: holds the results of another experiment (${what}); merging would replace them: merge in a directory of its own (with a copy of shards/), or pass --force`);
  const manifest = jsonOf(join(outDir, 'manifest.json'));
  const dirs = 'scenario' in checked ? [outDir] : checked.points.map((p, i) => pointDir(outDir, i, checked.points.length));
  if ('scenario' in checked) {
    const s = manifest?.scenario as { name?: unknown; resolvedHash?: unknown } | undefined;
    if (manifest && (manifest.sweep !== undefined || (s && s.resolvedHash !== storeMeta(checked.scenario).scenarioHash))) {
      throw other(manifest.sweep !== undefined ? 'a sweep' : `scenario ${JSON.stringify(s?.name)}`);
    }
  } else {
    const sw = manifest?.sweep as { name?: unknown; planHash?: unknown } | undefined;
    if (manifest && (manifest.scenario !== undefined || (sw && sw.planHash !== checked.hash))) {
      throw other(manifest.scenario !== undefined ? `scenario ${JSON.stringify((manifest.scenario as { name?: unknown }).name)}` : `sweep ${JSON.stringify(sw?.name)}`);
    }
  }
  dirs.forEach((dir, i) => {
    const meta = jsonOf(join(storeDir(dir), 'meta.json'));
    if (meta && meta.scenarioHash !== storeMeta(members[i]!).scenarioHash) throw other(`stored runs of scenario ${JSON.stringify(meta.scenario)}${dirs.length > 1 ? ` in ${dir}` : ''}`);
  });
}

/**
 * Append every record of every shard to the store of its experiment: each store is emptied first
 * (the shards are the whole truth), opened one at a time. Every record is checked before it is
 * stored: an experiment and run of this run set, one of its shard's own tasks, in task order, a
 * complete packed run of the seed its (seed, run index) gives (RunStore.append). A record that fails
 * is refused with the command that makes its shard again.
 */
function importShards(shards: readonly ShardFile[], members: readonly Scenario[], dirOf: (member: number) => string, shown: string): void {
  const started = new Set<number>();
  const imported: number[] = [];
  const runs = shards[0]!.header.runs;
  let open: { member: number; store: RunStore } | null = null;
  const storeFor = (member: number): RunStore => {
    if (open?.member === member) return open.store;
    open?.store.close();
    const dir = dirOf(member);
    const store = RunStore.open(dir, storeMeta(members[member]!), { mode: started.has(member) ? 'resume' : 'fresh', displayDir: dir, durable: false });
    started.add(member);
    open = { member, store };
    return store;
  };
  try {
    for (const shard of shards) {
      const mine = inShard({ index: shard.header.shard, count: shard.header.shards });
      let last = -1;
      let n = 0;
      let where = shard.file;
      try {
        for (const r of shardRecords(shard)) {
          where = `${shard.file}: record ${n}`;
          n++;
          if (r.member >= members.length) throw new Error(`${where} is of experiment ${r.member}, the run set has ${members.length}`);
          const buffer = r.payload.buffer as ArrayBuffer;
          const head = readPackedHeader(buffer);
          if (head.runIndex * ARMS.length + ARMS.indexOf(head.arm) !== r.key) throw new Error(`${where} says run key ${r.key}, its run is ${head.runIndex} (${head.arm})`);
          if (!(Number.isInteger(head.runIndex) && head.runIndex >= 0 && head.runIndex < runs)) throw new Error(`${where} is run ${head.runIndex}, the run set has runs 0 to ${runs - 1}`);
          const task = taskIndex(r.member, runs, head.runIndex, head.arm);
          if (!mine(task)) throw new Error(`${where} is task ${task}, which is not one of shard ${shard.header.shard} of ${shard.header.shards}`);
          if (task <= last) throw new Error(`${where} is task ${task}, after task ${last} (records are in task order, each once)`);
          last = task;
          unpack(buffer, namedBankIds(members[r.member]!)); // the whole payload, as the summary will read it
          if (storeFor(r.member).append(buffer)) imported[r.member] = (imported[r.member] ?? 0) + 1;
        }
      } catch (err) {
        if (err instanceof InputError) throw err;
        const message = (err as Error).message;
        throw new InputError(`${message.startsWith(shard.file) ? message : `${where}: ${message}`}; run that shard again:\n      ${shardCommand(shard.header.command, { index: shard.header.shard, count: shard.header.shards })}`);
      }
    }
  } finally {
    (open as { store: RunStore } | null)?.store.close();
  }
  const expected = runs * ARMS.length;
  for (let m = 0; m < members.length; m++) {
    if ((imported[m] ?? 0) !== expected) {
      throw new InputError(`${shown}: the shards hold ${imported[m] ?? 0} of the ${expected} runs of ${members.length > 1 ? `point ${m}` : 'the experiment'}; they were not made by one split of this run set: run every shard again`);
    }
  }
}
