/**
 * lendsim as a library: load and validate scenarios, run one market, run a Monte Carlo experiment,
 * and summarise. The CLI (`lendsim`) is built on these.
 */
export { defaultScenario, scenarioSchema, type Scenario, type ScenarioInput, type Regime } from './scenario/schema.js';
export { loadScenario, resolveScenarioObject, type LoadedScenario } from './scenario/load.js';
export { runOne, type MonthObserver } from './model/run.js';
export { METRIC_NAMES, METRIC_INDEX, BANK_SERIES } from './model/metricNames.js';
export type { ContractMetricName, MetricName } from './model/metricTypes.js';
export { defaultScenarioFile, shippedScenariosDir } from './scenario/shipped.js';
export { roster, type Roster } from './model/roster.js';
export type { Arm, RunResult } from './model/result.js';
export { runExperiment, type ExperimentOptions, type ExperimentResult } from './run/experiment.js';
export { loadSweep, type LoadSweepOptions } from './sweep/load.js';
export type { SweepPlan, SweepPoint } from './sweep/plan.js';
export { runSweep, type SweepOptions, type SweepRunResult } from './run/sweep.js';
export { mergeShards, type MergeOptions, type MergeResult } from './run/shardMerge.js';
export { stat, type Stat } from '../analysis/stats/stat.js';
export { stylizedFacts, type CheckedFact } from '../analysis/stats/facts.js';
export type { Summary, Metrics, BankSummary, Fact } from '../analysis/stats/summary.js';
