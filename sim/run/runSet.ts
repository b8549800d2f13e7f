/**
 * A run set: the runs of several experiments (a sweep's points) or a share of them (a shard),
 * computed in one pool and streamed into each experiment's run store (store.ts), with resume.
 *
 * Tasks are numbered by a fixed rule that depends on nothing but the position of the run:
 * `task = (experiment * runs + runIndex) * 2 + arm` (arm 0 policy, 1 counterfactual); for a single
 * experiment that is the run store's own key. A shard takes the tasks with `task % N === I`
 * (shards.ts), so which machine computes a run never depends on timing.
 *
 * Stores are opened lazily and closed once none of their tasks is pending, so a sweep of thousands
 * of points never holds thousands of files open (tasks start in experiment order).
 */
import { ARMS, type Arm } from '../model/result.js';
import type { Scenario } from '../scenario/schema.js';
import { storeMeta } from './experiment.js';
import { silentProgress, type Progress } from './progress.js';
import { RunStore, type StoreMode } from './store.js';
import { runTaskPool, type RunFailure } from './taskPool.js';
import type { RunTask } from './task.js';

/** One experiment of a run set: its scenario and the directory whose `runs/` store holds its runs. */
export interface SetMember {
  scenario: Scenario;
  outDir: string;
}

/** The task number of (experiment, run, arm) in a run set whose experiments have `runs` runs each. */
export function taskIndex(member: number, runs: number, runIndex: number, arm: Arm): number {
  return (member * runs + runIndex) * ARMS.length + ARMS.indexOf(arm);
}

export interface RunSetOptions {
  members: readonly SetMember[];
  /** How each store is opened first (store.ts StoreMode); later openings resume. */
  mode: StoreMode;
  /** Only tasks for which this holds (a shard); default all. */
  include?: (task: number) => boolean;
  workers: number;
  runner?: string | null;
  workerUrl?: URL;
  resourceLimits?: RunSetResourceLimits;
  signal?: AbortSignal;
  durable?: boolean;
  progress?: (total: number, alreadyDone: number) => Progress;
  log?: (line: string) => void;
}
type RunSetResourceLimits = NonNullable<Parameters<typeof runTaskPool>[0]['resourceLimits']>;

export interface RunSetOutcome {
  /** Included tasks (both arms counted) and how many are stored now. */
  total: number;
  stored: number;
  /** Computed by this call. */
  computed: number;
  /** Failed runs, with the experiment (sweep point) they belong to. */
  failures: (RunFailure & { member: number })[];
  interrupted: boolean;
}

interface SetTask extends RunTask {
  member: number;
}

export async function computeRunSet(options: RunSetOptions): Promise<RunSetOutcome> {
  const { members, include } = options;
  const log = options.log ?? (() => {});
  const runs = members[0]?.scenario.runs ?? 0;
  if (members.some((m) => m.scenario.runs !== runs)) throw new Error('computeRunSet: every experiment of a run set has the same number of runs');
  const durable = options.durable ?? true;

  // What is stored already: open each store once (this is where `new` and `fresh` apply), list its missing runs.
  const todo: SetTask[] = [];
  let total = 0;
  let alreadyDone = 0;
  members.forEach((m, member) => {
    const store = RunStore.open(m.outDir, storeMeta(m.scenario), { mode: options.mode, displayDir: m.outDir, durable });
    try {
      for (const w of store.warnings) log(w);
      for (const note of store.notes()) log(note);
      for (let runIndex = 0; runIndex < runs; runIndex++) {
        for (const arm of ARMS) {
          if (include && !include(taskIndex(member, runs, runIndex, arm))) continue;
          total++;
          if (store.has(arm, runIndex)) alreadyDone++;
          else todo.push({ scenario: m.scenario, arm, runIndex, member });
        }
      }
    } finally {
      store.close();
    }
  });
  if (options.mode === 'resume' && alreadyDone > 0) log(`resuming: ${alreadyDone} of ${total} runs already stored`);

  const pending = new Map<number, number>();
  for (const t of todo) pending.set(t.member, (pending.get(t.member) ?? 0) + 1);
  const open = new Map<number, RunStore>();
  const storeOf = (member: number): RunStore => {
    let s = open.get(member);
    if (!s) {
      const m = members[member]!;
      s = RunStore.open(m.outDir, storeMeta(m.scenario), { mode: 'resume', displayDir: m.outDir, durable });
      open.set(member, s);
    }
    return s;
  };

  const progress = todo.length > 0 ? (options.progress ?? (() => silentProgress))(total, alreadyDone) : silentProgress;
  let done = alreadyDone;
  try {
    const outcome = await runTaskPool<SetTask>({
      tasks: todo,
      workers: options.workers,
      ...(options.runner !== undefined ? { runner: options.runner } : {}),
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onStart: (t) => void storeOf(t.member),
      onResult: (t, buffer) => {
        if (storeOf(t.member).append(buffer)) done++;
        progress.update(done);
      },
      onSettled: (t) => {
        const left = (pending.get(t.member) ?? 1) - 1;
        pending.set(t.member, left);
        if (left === 0) {
          open.get(t.member)?.close();
          open.delete(t.member);
        }
      },
    });
    if (todo.length > 0) progress.finish();
    return {
      total, stored: done, computed: outcome.completed, interrupted: outcome.interrupted,
      failures: outcome.failures.map(({ task, ...f }) => ({ ...f, member: task.member })),
    };
  } finally {
    for (const s of open.values()) s.close();
  }
}
