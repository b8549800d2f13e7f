/**
 * One run of one arm: build the market, burn in under the timeline's first regime (months not
 * reported, so the run starts settled), then step the reported months under the timeline and record
 * metrics. The policy arm switches regime at each change of the timeline (by default: to `after` at
 * ruleStartMonth); the counterfactual arm stays on the first regime. Regime-start policies (the
 * banks' onRuleStart: exit, runoff) fire once, at the first change, the rule: they are the banks'
 * answer to the 2025 rule, and a later change (window guidance, a payment-channel cut) is not a
 * new rule for them (exit and runoff would change nothing a second time anyway). Both arms use the
 * same random streams (common random numbers): with equal rules they are the same market, byte for byte.
 */
import { regimeView, type RegimeView } from '../market/regime.js';
import { policyFor } from '../policies/index.js';
import { runSeed } from '../rng/streams.js';
import { timelineOf, type Scenario } from '../scenario/schema.js';
import { buildMarket } from './build.js';
import { BANK_SERIES_COUNT, METRIC_COUNT } from './metricNames.js';
import { activeLinkMatrix, recordBanks, recordMetrics } from './metrics.js';
import { stepMonth } from './month.js';
import type { Arm, RunResult } from './result.js';
import { APR_BINS, createTally } from './tally.js';
import type { Market } from './market.js';

/** Optional hook for tests: called after every month (reported or not) with the market and the regime in force. */
export type MonthObserver = (m: Market, month: number, regime: RegimeView) => void;

/** Simulate run `runIndex` of `arm`; a pure function of (scenario, arm, runIndex). */
export function runOne(scenario: Scenario, arm: Arm, runIndex: number, observe?: MonthObserver): RunResult {
  const m = buildMarket(scenario, runIndex);
  // One view per change of the timeline, built once (the month never re-reads the scenario).
  const timeline = timelineOf(scenario);
  const views = timeline.map((e) => regimeView(e.regime, scenario.regimes[e.regime]!, m.scale));
  const policies = Array.from({ length: m.banks.count }, (_, b) => policyFor(m.banks.policy[b]!));
  const tally = createTally(m);
  const months = scenario.months;
  const series = new Float64Array(months * METRIC_COUNT);
  const bankIds = m.banks.named.map((b) => m.banks.id[b]!);
  const bankSeries = new Float64Array(months * bankIds.length * BANK_SERIES_COUNT);
  const ruleStart = scenario.ruleStartMonth;
  // Distributions for the report, summed over the before-rule and end windows.
  const aprHistBefore = new Float64Array(APR_BINS);
  const nominalHistBefore = new Float64Array(APR_BINS);
  const aprHistEnd = new Float64Array(APR_BINS);
  const nominalHistEnd = new Float64Array(APR_BINS);
  const exposureByLoans = new Float64Array(scenario.borrowers.maxConcurrentLoans + 1);
  const defaultsByLoans = new Float64Array(scenario.borrowers.maxConcurrentLoans + 1);
  // The bank x platform matrix of active links (row-major, bank by platform) before the rule and at the end.
  const linksBeforeRule = new Float64Array(m.banks.count * m.platforms.count);
  const linksEnd = new Float64Array(m.banks.count * m.platforms.count);
  let regime = views[0]!;
  let next = 1; // the next change of the timeline
  for (let t = -scenario.burnInMonths; t < months; t++) {
    if (arm === 'policy' && next < timeline.length && t === timeline[next]!.month) {
      regime = views[next]!;
      if (next === 1) {
        const ctx = { market: m, regime, month: t };
        for (let b = 0; b < m.banks.count; b++) policies[b]!.onRuleStart(ctx, b);
      }
      next++;
    }
    const shock = t >= 0 ? (scenario.borrowers.macroShockLogit[t] ?? 0) : 0;
    stepMonth(m, t, regime, policies, shock, tally);
    if (t >= 0) {
      recordMetrics(m, tally, series.subarray(t * METRIC_COUNT, (t + 1) * METRIC_COUNT));
      recordBanks(m, bankSeries, t * bankIds.length * BANK_SERIES_COUNT);
      const inBefore = t >= ruleStart - 3 && t < ruleStart;
      const inEnd = t >= months - 3;
      for (let k = 0; k < APR_BINS; k++) {
        if (inBefore) {
          aprHistBefore[k]! += tally.aprHist[k]!;
          nominalHistBefore[k]! += tally.nominalHist[k]!;
        }
        if (inEnd) {
          aprHistEnd[k]! += tally.aprHist[k]!;
          nominalHistEnd[k]! += tally.nominalHist[k]!;
        }
      }
      for (let l = 0; l < exposureByLoans.length; l++) {
        exposureByLoans[l]! += tally.exposureByLoans[l]!;
        defaultsByLoans[l]! += tally.defaultsByLoans[l]!;
      }
    }
    if (t === ruleStart - 1) activeLinkMatrix(m, linksBeforeRule); // the last burn-in month when the rule starts at 0
    if (t === months - 1) activeLinkMatrix(m, linksEnd);
    observe?.(m, t, regime);
  }
  return {
    arm, runIndex, seed: runSeed(scenario.seed, runIndex), months, series, bankIds, bankSeries,
    extras: { aprHistBefore, nominalHistBefore, aprHistEnd, nominalHistEnd, exposureByLoans, defaultsByLoans, linksBeforeRule, linksEnd },
  };
}
