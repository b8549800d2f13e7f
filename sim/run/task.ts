/** The worker contract: a task is plain data, the answer one packed ArrayBuffer (sim/model/pack.ts). */
import type { Arm } from '../model/result.js';
import type { Scenario } from '../scenario/schema.js';

/** One (arm, run index) of an experiment. Structured-cloned to the worker: a few KB. */
export interface RunTask {
  scenario: Scenario;
  arm: Arm;
  runIndex: number;
}

/** Passed once to every worker thread of a pool (piscina `workerData`). */
export interface WorkerConfig {
  /**
   * URL of a module exporting `runOne(scenario, arm, runIndex): RunResult` used instead of the
   * engine: tests pass synthetic runners (test/fixtures/workers/), and so can a researcher who wants
   * to try a modified model without touching the pool. null: the engine (sim/model/run.ts).
   */
  runner: string | null;
}
