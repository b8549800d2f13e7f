export { logGamma } from './logGamma.js';
export { regularizedIncompleteBeta } from './incompleteBeta.js';
export { tQuantile, tUpperTail, tDensity } from './tQuantile.js';
export { stat, tCritical95, type Stat } from './stat.js';
export { SNAPSHOTS, WINDOW_MONTHS, snapshotWindows, windowMean, type Snapshot, type MonthWindow } from './windows.js';
export { csvFloat, csvNumber, csvText } from './csv.js';
export { formatJson } from './json.js';
export { stylizedFacts, stationarityChecks, summaryFacts, type CheckedFact, type FactCheck } from './facts.js';
export { noFacts, type Summary, type Metrics, type BankSummary, type Fact, type FactsFn } from './summary.js';
export { ExperimentAggregator, runsCsvHeader, type AggregateSpec, type Aggregated, type BankInfo } from './aggregate.js';
export { VectorStats, type VectorResult } from './vectorStats.js';
export {
  DistributionsAggregator, DISTRIBUTIONS_FORMAT, type Distributions, type DistributionsMeta, type ArmDistributions,
  type NamedBankPartners, type RosterBank, type RosterPlatform,
} from './distributions.js';
