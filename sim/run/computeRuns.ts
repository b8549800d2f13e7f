/**
 * The Monte Carlo: every (arm, run index) not yet in the store, across a piscina pool of worker
 * threads started once for the experiment. Each finished run is appended to the store as it arrives
 * (so memory does not grow with runs: at most two tasks per thread are in flight); which thread
 * finished first never matters, because the store is read back in run-index order.
 *
 * A run that throws, or whose worker thread dies (process.exit, out of memory, a crash the thread
 * survives), stops the experiment: no new runs start, the ones in flight finish and are stored, and
 * the failures come back with their arm, run index and seed. A pool cannot report a crash that
 * takes down the whole process (a native fault); the store still holds every run finished before.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ResourceLimits } from 'node:worker_threads';
import { readPackedHeader } from '../model/pack.js';
import type { Arm } from '../model/result.js';
import { runSeed } from '../rng/streams.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunStore } from './store.js';
import type { RunTask, WorkerConfig } from './task.js';

/** The compiled worker beside this module (dist/sim/run/worker.js). */
export const DEFAULT_WORKER_URL = new URL('./worker.js', import.meta.url);

export interface ComputeOptions {
  scenario: Scenario;
  /** Open store of this experiment: runs found there are not run again. */
  store: RunStore;
  /** Worker threads (default: available cores); never more than the runs left. */
  workers?: number;
  /** A module exporting runOne used instead of the engine (tests); see WorkerConfig. */
  runner?: string | URL | null;
  /** The worker module (default DEFAULT_WORKER_URL). */
  workerUrl?: URL;
  /** Heap limits per worker thread; a thread that exceeds them dies and its run is reported. */
  resourceLimits?: ResourceLimits;
  /** Called after each run is stored. */
  onRunStored?: (done: number, total: number) => void;
  /** Abort: stop starting runs, terminate the threads; stored runs stay. */
  signal?: AbortSignal;
}

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

export interface ComputeOutcome {
  /** Runs computed and stored by this call (both arms counted). */
  computed: number;
  failures: RunFailure[];
  /** The signal aborted the experiment. */
  interrupted: boolean;
}

export async function computeRuns(options: ComputeOptions): Promise<ComputeOutcome> {
  const { scenario, store, signal } = options;
  const todo = store.missing();
  const outcome: ComputeOutcome = { computed: 0, failures: [], interrupted: false };
  if (todo.length === 0) return outcome;
  if (signal?.aborted) return { ...outcome, interrupted: true };

  const threads = Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length));
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
  let storeError: unknown = null;

  const onAbort = () => {
    stopping = true;
    outcome.interrupted = true;
    void pool.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    await new Promise<void>((resolve) => {
      const launch = () => {
        while (!stopping && next < todo.length && inFlight < inFlightLimit) start(todo[next++]!);
        if (inFlight === 0) resolve();
      };
      const start = ({ arm, runIndex }: { arm: Arm; runIndex: number }) => {
        inFlight++;
        pool
          .run({ scenario, arm, runIndex })
          .then(
            (buffer) => {
              try {
                const h = readPackedHeader(buffer);
                if (h.arm !== arm || h.runIndex !== runIndex) throw new Error(`asked for run ${runIndex} (${arm}), the worker returned run ${h.runIndex} (${h.arm})`);
                if (store.append(buffer)) outcome.computed++;
                options.onRunStored?.(store.count, store.total);
              } catch (err) {
                // The disk or the store failed: nothing more can be kept, stop.
                storeError ??= err;
                stopping = true;
              }
            },
            (err: unknown) => {
              if (outcome.interrupted) return;
              outcome.failures.push(describeFailure(err, arm, runIndex, scenario.seed));
              stopping = true;
            },
          )
          .finally(() => {
            inFlight--;
            launch();
          });
      };
      launch();
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
  if (storeError) throw storeError;
  return outcome;
}

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
