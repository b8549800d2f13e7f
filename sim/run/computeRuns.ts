/**
 * The Monte Carlo of one experiment: every (arm, run index) not yet in the store, across a piscina
 * pool of worker threads started once for the experiment (taskPool.ts, which also holds the failure
 * semantics). Each finished run is appended to the store as it arrives; which thread finished first
 * never matters, because the store is read back in run-index order.
 */
import type { Scenario } from '../scenario/schema.js';
import type { RunStore } from './store.js';
import { runTaskPool, type RunFailure, type TaskPoolOptions } from './taskPool.js';
import type { RunTask } from './task.js';

export interface ComputeOptions {
  scenario: Scenario;
  /** Open store of this experiment: runs found there are not run again. */
  store: RunStore;
  /** Worker threads (default: available cores); never more than the runs left. */
  workers?: number;
  /** A module exporting runOne used instead of the engine (tests); see WorkerConfig. */
  runner?: string | URL | null;
  /** The worker module (default DEFAULT_WORKER_URL, taskPool.ts). */
  workerUrl?: URL;
  /** Heap limits per worker thread; a thread that exceeds them dies and its run is reported. */
  resourceLimits?: TaskPoolOptions<RunTask>['resourceLimits'];
  /** Called after each run is stored. */
  onRunStored?: (done: number, total: number) => void;
  /** Abort: stop starting runs, terminate the threads; stored runs stay. */
  signal?: AbortSignal;
}

export interface ComputeOutcome {
  /** Runs computed and stored by this call (both arms counted). */
  computed: number;
  failures: RunFailure[];
  /** The signal aborted the experiment. */
  interrupted: boolean;
}

export async function computeRuns(options: ComputeOptions): Promise<ComputeOutcome> {
  const { scenario, store } = options;
  const tasks: RunTask[] = store.missing().map(({ arm, runIndex }) => ({ scenario, arm, runIndex }));
  let computed = 0;
  const outcome = await runTaskPool<RunTask>({
    tasks,
    workers: options.workers,
    ...(options.runner !== undefined ? { runner: options.runner } : {}),
    ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: (_task, buffer) => {
      if (store.append(buffer)) computed++;
      options.onRunStored?.(store.count, store.total);
    },
  });
  return { computed, failures: outcome.failures.map(({ task: _task, ...failure }) => failure), interrupted: outcome.interrupted };
}
