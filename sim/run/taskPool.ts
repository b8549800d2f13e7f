/**
 * One piscina pool for a list of runs that may belong to several experiments (the points of a sweep)
 * or to a share of one (a shard). Each task is plain data `{scenario, arm, runIndex}` (the worker
 * contract, task.ts); each result comes back as one packed buffer, moved, and is handed to `onResult`
 * the moment it arrives (the caller appends it to a run store), so memory does not grow with runs:
 * at most two tasks per thread are in flight. Completion order never matters: stores are read back
 * in run-index order.
 *
 * Failure semantics are those of computeRuns.ts: a run that throws or whose thread dies stops the
 * pool (no new runs start, those in flight finish and are kept) and comes back as a failure; an
 * abort terminates the threads; an error thrown by `onResult` (the disk) stops and is rethrown.
 */
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { readPackedHeader } from '../model/pack.js';
import { DEFAULT_WORKER_URL, describeFailure, type RunFailure } from './computeRuns.js';
import type { RunTask, WorkerConfig } from './task.js';

export interface TaskPoolOptions<T extends RunTask> {
  /** The runs to compute, started in this order. */
  tasks: readonly T[];
  /** Worker threads (default: available cores); never more than the tasks. */
  workers?: number;
  /** A module exporting runOne used instead of the engine (tests); see WorkerConfig. */
  runner?: string | URL | null;
  workerUrl?: URL;
  resourceLimits?: ResourceLimits;
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
