/**
 * Running one shard (`--shard I/N`) of an experiment or a sweep: compute the shard's tasks into run
 * stores under DIR/shards/work-I-of-N/ (resumable), then write DIR/shards/shard-I-of-N.lss from them
 * in task order and remove the work directory. See shards.ts for the split and the file.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ARMS } from '../model/result.js';
import { atomicWrite } from './atomicWrite.js';
import { storeMeta } from './experiment.js';
import { gitState, runtimeIdentity } from './manifest.js';
import type { Progress } from './progress.js';
import { computeRunSet, taskIndex, type RunSetOutcome, type SetMember } from './runSet.js';
import {
  identityDifferences, inShard, readShardHeader, shardFileName, shardsDir, shardWorkDir, SHARD_FORMAT,
  writeShardFile, type ShardHeader, type ShardIdentity, type ShardRecord, type ShardSpec,
} from './shards.js';
import { RunStore, type StoreMode } from './store.js';

export interface ShardJob {
  /** The run set's output directory (DIR); the shard writes only under DIR/shards/. */
  outDir: string;
  spec: ShardSpec;
  /** The experiments, each with the name of its work directory relative to the shard's ('' for a run). */
  members: readonly { scenario: SetMember['scenario']; subdir: string }[];
  kind: ShardIdentity['kind'];
  name: string;
  hash: string;
  command: string;
  source: ShardHeader['source'];
  plan: ShardHeader['plan'];
  mode: StoreMode;
  workers: number;
  runner?: string | null;
  workerUrl?: URL;
  signal?: AbortSignal;
  durable?: boolean;
  progress?: (total: number, alreadyDone: number) => Progress;
  log?: (line: string) => void;
}

export interface ShardOutcome extends RunSetOutcome {
  status: 'done' | 'failed' | 'interrupted';
  /** The shard file, when done. */
  file: string | null;
  /** The shard file was already complete (--resume): nothing was run. */
  alreadyComplete: boolean;
  /** When runs failed: each failed experiment's scenario.json in the shard's work directory. */
  scenarioFiles?: Record<number, string>;
}

/** The identity every shard of this job's run set carries. */
export function shardIdentity(job: Pick<ShardJob, 'kind' | 'name' | 'hash' | 'spec' | 'members'>): ShardIdentity {
  const s = job.members[0]!.scenario;
  return { format: SHARD_FORMAT, kind: job.kind, name: job.name, hash: job.hash, seed: s.seed, runs: s.runs, shards: job.spec.count, lendsim: runtimeIdentity() };
}

export async function runShard(job: ShardJob): Promise<ShardOutcome> {
  const { spec, outDir } = job;
  const identity = shardIdentity(job);
  const file = join(shardsDir(outDir), shardFileName(spec));
  const work = shardWorkDir(outDir, spec);

  // --resume of a shard whose file is complete: nothing to do.
  if (job.mode === 'resume' && existsSync(file) && !existsSync(work)) {
    try {
      const existing = readShardHeader(file).header;
      if (identityDifferences(existing, identity).length === 0 && existing.shard === spec.index) {
        return { status: 'done', file, alreadyComplete: true, total: existing.tasks, stored: existing.tasks, computed: 0, failures: [], interrupted: false };
      }
    } catch {
      // unreadable: compute it again
    }
  }

  const members: SetMember[] = job.members.map((m) => ({ scenario: m.scenario, outDir: m.subdir === '' ? work : join(work, m.subdir) }));
  const include = inShard(spec);
  const outcome = await computeRunSet({
    members, mode: job.mode, include, workers: job.workers,
    ...(job.runner !== undefined ? { runner: job.runner } : {}),
    ...(job.workerUrl ? { workerUrl: job.workerUrl } : {}),
    ...(job.signal ? { signal: job.signal } : {}),
    ...(job.durable !== undefined ? { durable: job.durable } : {}),
    ...(job.progress ? { progress: job.progress } : {}),
    ...(job.log ? { log: job.log } : {}),
  });
  if (outcome.failures.length > 0 || outcome.interrupted) {
    // Each failed run's scenario beside its stored runs, for the command that reproduces it alone.
    const scenarioFiles: Record<number, string> = {};
    for (const f of outcome.failures) {
      const file = join(members[f.member]!.outDir, 'scenario.json');
      atomicWrite(file, `${JSON.stringify(members[f.member]!.scenario, null, 2)}\n`);
      scenarioFiles[f.member] = file;
    }
    return { ...outcome, status: outcome.failures.length > 0 ? 'failed' : 'interrupted', file: null, alreadyComplete: false, scenarioFiles };
  }

  const header: ShardHeader = {
    ...identity, shard: spec.index, tasks: outcome.total, gitCommit: gitState().commit,
    command: job.command, source: job.source, plan: job.plan,
  };
  const written = writeShardFile(outDir, header, shardTasks(members, include));
  rmSync(work, { recursive: true, force: true });
  return { ...outcome, status: 'done', file: written, alreadyComplete: false };
}

/** The shard's runs from its stores, in task order, one store open at a time. */
function* shardTasks(members: readonly SetMember[], include: (task: number) => boolean): Generator<ShardRecord> {
  const runs = members[0]?.scenario.runs ?? 0;
  for (let member = 0; member < members.length; member++) {
    const m = members[member]!;
    let store: RunStore | null = null;
    try {
      for (let runIndex = 0; runIndex < runs; runIndex++) {
        for (const arm of ARMS) {
          if (!include(taskIndex(member, runs, runIndex, arm))) continue;
          store ??= RunStore.open(m.outDir, storeMeta(m.scenario), { mode: 'resume', displayDir: m.outDir, durable: false });
          yield { member, key: runIndex * ARMS.length + ARMS.indexOf(arm), payload: new Uint8Array(store.read(arm, runIndex)) };
        }
      }
    } finally {
      store?.close();
    }
  }
}
