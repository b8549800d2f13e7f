/**
 * One piscina pool for a list of runs: one experiment's missing runs (computeRuns.ts), the points of
 * a sweep or a share of them (a shard, runSet.ts). Each task is plain data `{scenario, arm, runIndex}`
 * (the worker contract, task.ts); each result comes back as one packed buffer, moved, and is handed to
 * `onResult` the moment it arrives (the caller appends it to a run store), so memory does not grow with
 * runs: at most two tasks per thread are in flight. Completion order never matters: stores are read
 * back in run-index order.
 *
 * A run that throws, or whose worker thread dies (process.exit, out of memory, a crash the thread
 * survives), stops the pool: no new runs start, the ones in flight finish and are kept, and the
 * failures come back with their arm, run index and seed. An abort terminates the threads. An error
 * thrown by `onStart`, `onResult` or `onSettled` (the disk or the store failed: nothing more can be
 * kept) stops the pool and is rethrown. A pool cannot report a crash that takes down the whole
 * process (a native fault); the stores still hold every run finished before.
 */
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { readPackedHeader } from '../model/pack.js';
import type { Arm } from '../model/result.js';
import { runSeed } from '../rng/streams.js';
import type { RunTask, WorkerConfig } from './task.js';

/** The compiled worker beside this module (dist/sim/run/worker.js). */
export const DEFAULT_WORKER_URL = new URL('./worker.js', import.meta.url);

/** A run that did not finish. */
export interface RunFailure {
  arm: Arm;
  runIndex: number;
  /** The experiment's seed (what --seed takes to reproduce the run). */
  seed: number;
  /** The seed of this run's streams, as runs.csv records it (sim/rng/streams.ts runSeed). */
  runSeed: number;
  /** `threw`: runOne threw; `worker died`: the thread running it ended (exit, out of memory). */
  kind: 'threw' | 'worker died';
  message: string;
  /** The error's stack as the worker saw it, when there is one. */
  stack: string | null;
}

export interface TaskPoolOptions<T extends RunTask> {
  /** The runs to compute, started in this order. */
  tasks: readonly T[];
  /** Worker threads (default: available cores); never more than the tasks. */
  workers?: number;
  /** A module exporting runOne used instead of the engine (tests); see WorkerConfig. */
  runner?: string | URL | null;
  /** The worker module (default DEFAULT_WORKER_URL). */
  workerUrl?: URL;
  /** Heap limits per worker thread; a thread that exceeds them dies and its run is reported. */
  resourceLimits?: ResourceLimits;
  /** Abort: stop starting runs, terminate the threads; results already taken stay. */
  signal?: AbortSignal;
  /** Before a task starts (e.g. open the store its result goes to). Throwing stops the pool. */
  onStart?: (task: T) => void;
  /** A task's packed result, in completion order. Throwing stops the pool; the error is rethrown. */
  onResult: (task: T, buffer: ArrayBuffer) => void;
  /** After a task is finished, whether it succeeded or not (e.g. close a store no task needs any more). */
  onSettled?: (task: T) => void;
}

export interface TaskPoolOutcome<T> {
  /** Tasks whose result `onResult` took. */
  completed: number;
  failures: (RunFailure & { task: T })[];
  interrupted: boolean;
}

export async function runTaskPool<T extends RunTask>(options: TaskPoolOptions<T>): Promise<TaskPoolOutcome<T>> {
  const { tasks, signal } = options;
  const outcome: TaskPoolOutcome<T> = { completed: 0, failures: [], interrupted: false };
  if (tasks.length === 0) return outcome;
  if (signal?.aborted) return { ...outcome, interrupted: true };

  const threads = Math.max(1, Math.min(options.workers ?? availableParallelism(), tasks.length));
  const runner = options.runner == null ? null : String(options.runner);
  const workerData: WorkerConfig = { runner };
  const pool = new Piscina<RunTask, ArrayBuffer>({
    filename: (options.workerUrl ?? DEFAULT_WORKER_URL).href,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    workerData,
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  // A worker that fails outside a task must not take the process down; its tasks are rejected anyway.
  pool.on('error', () => {});

  const inFlightLimit = threads * 2;
  let next = 0;
  let inFlight = 0;
  let stopping = false;
  let callerError: unknown = null;
  const onAbort = () => {
    stopping = true;
    outcome.interrupted = true;
    void pool.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    await new Promise<void>((resolve) => {
      const launch = () => {
        while (!stopping && next < tasks.length && inFlight < inFlightLimit) start(tasks[next++]!);
        if (inFlight === 0) resolve();
      };
      const start = (task: T) => {
        try {
          options.onStart?.(task);
        } catch (err) {
          callerError ??= err;
          stopping = true;
          return;
        }
        inFlight++;
        const { scenario, arm, runIndex } = task;
        pool
          .run({ scenario, arm, runIndex })
          .then(
            (buffer) => {
              try {
                const h = readPackedHeader(buffer);
                if (h.arm !== arm || h.runIndex !== runIndex) throw new Error(`asked for run ${runIndex} (${arm}), the worker returned run ${h.runIndex} (${h.arm})`);
                options.onResult(task, buffer);
                outcome.completed++;
              } catch (err) {
                callerError ??= err;
                stopping = true;
              }
            },
            (err: unknown) => {
              if (outcome.interrupted) return;
              outcome.failures.push({ ...describeFailure(err, arm, runIndex, scenario.seed), task });
              stopping = true;
            },
          )
          .finally(() => {
            inFlight--;
            try {
              options.onSettled?.(task);
            } catch (err) {
              callerError ??= err;
              stopping = true;
            }
            launch();
          });
      };
      launch();
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
  if (callerError) throw callerError;
  return outcome;
}

/** What a rejected pool task says, as a RunFailure of run `runIndex` (`arm`) of the experiment seeded `seed`. */
export function describeFailure(err: unknown, arm: Arm, runIndex: number, seed: number): RunFailure {
  const e = err as { message?: unknown; stack?: unknown; code?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const died = e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /^worker exited with code/.test(message) || /Terminating worker thread/.test(message);
  return {
    arm, runIndex, seed, runSeed: runSeed(seed, runIndex),
    kind: died ? 'worker died' : 'threw',
    message: e?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the worker thread ran out of memory (${message})` : message,
    stack: typeof e?.stack === 'string' ? e.stack : null,
  };
}
