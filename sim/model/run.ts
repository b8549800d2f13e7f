/** One run of one arm: build the market, burn in, step the months, record the metrics. */
import type { Scenario } from '../scenario/schema.js';
import type { Arm, RunResult } from './result.js';

/** Simulate run `runIndex` of `arm`; a pure function of (scenario, arm, runIndex). */
export function runOne(scenario: Scenario, arm: Arm, runIndex: number): RunResult {
  void scenario; void arm; void runIndex;
  throw new Error('runOne: the engine is being written (placeholder while the model lands)');
}
