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

export const ACTIVE = 0;
export const IN_DEFAULT = 1;

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
  /** ACTIVE or IN_DEFAULT. */
  readonly status: Uint8Array;
  /** Month at which a defaulted borrower is replaced by a new one. */
  readonly reentryMonth: Int16Array;
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
}

export function segmentTable(scenario: Scenario): SegmentTable {
  const n = SEGMENTS.length;
  const t = {
    logitPdMedian: new Float64Array(n), pdLogitSd: new Float64Array(n), incomeMedian: new Float64Array(n),
    incomeLogSd: new Float64Array(n), reservationMean: new Float64Array(n), reservationSd: new Float64Array(n),
    propensity: new Float64Array(n), cumulativeShare: new Float64Array(n),
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
}
