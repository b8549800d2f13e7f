/**
 * Borrowers as a struct of arrays: one typed array per field, indexed by borrower id (no object per
 * borrower). Money is in simulated units (the model scales the real market down by N / realBorrowers,
 * but a borrower's own income and loans are real amounts: scaling changes how many there are, not
 * what each earns).
 */
import type { Scenario, Segment } from '../scenario/schema.js';
import { SEGMENTS } from '../scenario/schema.js';
import type { Uniform } from '../rng/streams.js';
import { logit } from '../market/scoring.js';

/** newestLoanMonth of a borrower who never held a formal loan. */
export const NEVER = -32768;
/** Current on every payment. */
export const ACTIVE = 0;
/** Defaulted (90+ days past due): out of the market until its re-entry month. */
export const IN_DEFAULT = 1;
/** In arrears: 1-30, 31-60, 61-90 days past due (a missed month rolls to the next; 90+ is default). */
export const ARREARS_1 = 2;
export const ARREARS_2 = 3;
export const ARREARS_3 = 4;

export interface Borrowers {
  readonly count: number;
  /** Index into SEGMENTS. */
  readonly segment: Uint8Array;
  /** logit of the annual base default probability. */
  readonly logitPd: Float32Array;
  /** Monthly income (RMB). */
  readonly incomeMonthly: Float32Array;
  /** Most comprehensive APR the borrower will pay (fraction a year). */
  readonly reservationApr: Float32Array;
  /** Chance of seeking a new loan in a month. */
  readonly propensity: Float32Array;
  /** Performing loans held now. */
  readonly loans: Uint8Array;
  /** Outstanding principal of performing loans (RMB). */
  readonly debt: Float64Array;
  /** ACTIVE, IN_DEFAULT or ARREARS_1..3. */
  readonly status: Uint8Array;
  /** Month at which a defaulted borrower is replaced by a new one. */
  readonly reentryMonth: Int16Array;
  /** Month of the newest formal loan (its age sets the seasoning multiplier); NEVER if none. */
  readonly newestLoanMonth: Int16Array;
  /** Monthly instalments of every loan held, formal and grey (RMB a month). */
  readonly service: Float64Array;
  /** 1 when the last borrower pass found its debt service above its segment's threshold: it seeks
   * in the next month whatever its propensity. */
  readonly inNeed: Uint8Array;
  /** Months left of the liquidity shock of a refused rollover (0: none). */
  readonly shockLeft: Uint8Array;
  /** The grey loan, if any: outstanding principal, instalment, instalments left (0: none). */
  readonly greyBalance: Float64Array;
  readonly greyPayment: Float64Array;
  readonly greyLeft: Uint8Array;
}

/** Per-segment constants the hot loops read (built once per run). */
export interface SegmentTable {
  readonly logitPdMedian: Float64Array;
  readonly pdLogitSd: Float64Array;
  readonly incomeMedian: Float64Array;
  readonly incomeLogSd: Float64Array;
  readonly reservationMean: Float64Array;
  readonly reservationSd: Float64Array;
  readonly propensity: Float64Array;
  readonly cumulativeShare: Float64Array;
  readonly cureRate: Float64Array;
  /** Missed-payment hazard over default hazard: 1 / (1 - cureRate)^3, so that a borrower who
   * misses rolls to default (three months uncured) at the annual default probability. */
  readonly missScale: Float64Array;
  readonly rolloverThreshold: Float64Array;
  readonly greyTakeUp: Float64Array;
}

export function segmentTable(scenario: Scenario): SegmentTable {
  const n = SEGMENTS.length;
  const t = {
    logitPdMedian: new Float64Array(n), pdLogitSd: new Float64Array(n), incomeMedian: new Float64Array(n),
    incomeLogSd: new Float64Array(n), reservationMean: new Float64Array(n), reservationSd: new Float64Array(n),
    propensity: new Float64Array(n), cumulativeShare: new Float64Array(n),
    cureRate: new Float64Array(n), missScale: new Float64Array(n), rolloverThreshold: new Float64Array(n), greyTakeUp: new Float64Array(n),
  };
  let cum = 0;
  SEGMENTS.forEach((name: Segment, s) => {
    const p = scenario.borrowers.segments[name];
    t.logitPdMedian[s] = logit(p.pdMedianAnnual);
    t.pdLogitSd[s] = p.pdLogitSd;
    t.incomeMedian[s] = p.incomeMedianMonthly;
    t.incomeLogSd[s] = p.incomeLogSd;
    t.reservationMean[s] = p.reservationAprMean;
    t.reservationSd[s] = p.reservationAprSd;
    t.propensity[s] = p.propensityMonthly;
    t.cureRate[s] = p.cureRate;
    const stay = 1 - p.cureRate;
    t.missScale[s] = 1 / (stay * stay * stay);
    t.rolloverThreshold[s] = p.rolloverThreshold;
    t.greyTakeUp[s] = p.greyTakeUp;
    cum += p.share;
    t.cumulativeShare[s] = s === n - 1 ? 1 : cum;
  });
  return t;
}

/** Allocate `count` borrowers and draw each one (segment, pd, income, reservation APR). */
export function createBorrowers(count: number, table: SegmentTable, u: Uniform, normal: () => number): Borrowers {
  const b: Borrowers = {
    count,
    segment: new Uint8Array(count), logitPd: new Float32Array(count), incomeMonthly: new Float32Array(count),
    reservationApr: new Float32Array(count), propensity: new Float32Array(count), loans: new Uint8Array(count),
    debt: new Float64Array(count), status: new Uint8Array(count), reentryMonth: new Int16Array(count),
    newestLoanMonth: new Int16Array(count), service: new Float64Array(count), inNeed: new Uint8Array(count), shockLeft: new Uint8Array(count),
    greyBalance: new Float64Array(count), greyPayment: new Float64Array(count), greyLeft: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    const r = u();
    let s = 0;
    while (s < table.cumulativeShare.length - 1 && r >= table.cumulativeShare[s]!) s++;
    drawBorrower(b, i, s, table, normal);
  }
  return b;
}

/** (Re)draw borrower i as a new person of segment s with no loans. */
export function drawBorrower(b: Borrowers, i: number, s: number, table: SegmentTable, normal: () => number): void {
  b.segment[i] = s;
  b.logitPd[i] = table.logitPdMedian[s]! + table.pdLogitSd[s]! * normal();
  b.incomeMonthly[i] = table.incomeMedian[s]! * Math.exp(table.incomeLogSd[s]! * normal());
  const res = table.reservationMean[s]! + table.reservationSd[s]! * normal();
  b.reservationApr[i] = res < 0.01 ? 0.01 : res;
  b.propensity[i] = table.propensity[s]!;
  b.loans[i] = 0;
  b.debt[i] = 0;
  b.status[i] = ACTIVE;
  b.reentryMonth[i] = 0;
  b.newestLoanMonth[i] = NEVER;
  b.service[i] = 0;
  b.inNeed[i] = 0;
  b.shockLeft[i] = 0;
  b.greyBalance[i] = 0;
  b.greyPayment[i] = 0;
  b.greyLeft[i] = 0;
}
