import { FREE } from '../../sim/agents/loans.js';
import { METRIC_COUNT, METRIC_INDEX } from '../../sim/model/metricNames.js';
import type { Arm } from '../../sim/model/result.js';
import { runOne } from '../../sim/model/run.js';
import { defaultScenario, type Scenario } from '../../sim/scenario/schema.js';

/** A small, fast version of the default market (5,000 borrowers, 18 months, rule at month 6). */
export function smallScenario(patch: (s: Scenario) => void = () => {}): Scenario {
  const s = defaultScenario();
  s.name = 'test-small';
  s.borrowers.count = 5000;
  s.months = 18;
  s.ruleStartMonth = 6;
  s.burnInMonths = 6;
  s.runs = 2;
  patch(s);
  return s;
}

/**
 * The comprehensive APR (nominal + fees kept + guarantee fee) of every loan originated in each
 * reported month of a run, with the regime in force. New loans are appended to the book and the book
 * keeps origination order (compaction slides live loans down), so a month's new loans are the last
 * `loansMade` live slots after it (a loan's term alone no longer tells its age: one in arrears stands
 * still).
 */
export function newLoanAprs(s: Scenario, arm: Arm, runIndex = 0): { aprs: number[][]; regimes: string[]; series: Float64Array } {
  const live: number[][] = [];
  const regimes: string[] = [];
  const { series } = runOne(s, arm, runIndex, (m, t, regime) => {
    if (t < 0) return;
    regimes[t] = regime.name;
    const book = m.loans;
    const all: number[] = [];
    for (let k = 0; k < book.count; k++) if (book.state[k] !== FREE) all.push(book.rate[k]! + book.feeRate[k]! + book.guaranteeFeeRate[k]!);
    live[t] = all;
  });
  const scale = s.borrowers.count / s.market.realBorrowers;
  const aprs = live.map((all, t) => {
    const made = Math.round(series[t * METRIC_COUNT + METRIC_INDEX['loansMade']!]! * scale);
    return all.slice(all.length - made);
  });
  return { aprs, regimes, series };
}
