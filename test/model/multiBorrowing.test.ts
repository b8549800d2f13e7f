/**
 * Multi-borrowing: at equal base PD, borrowers with more concurrent loans default more often.
 * Every borrower gets the same base PD (one segment's median, no dispersion), so differences in the
 * realized default rate by number of concurrent loans come from the hazard's leverage and loan-count
 * terms. With both terms switched off the rates must be flat (within sampling noise): the test can fail.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from '../../sim/model/run.js';
import { SEGMENTS } from '../../sim/scenario/schema.js';
import { smallScenario } from './helpers.js';

function defaultRateByLoans(betaLoans: number, betaDti: number): { rate: number[]; exposure: number[] } {
  const s = smallScenario((x) => {
    x.borrowers.count = 20000;
    x.months = 24;
    x.borrowers.betaLoans = betaLoans;
    x.borrowers.betaDti = betaDti;
    for (const seg of SEGMENTS) {
      x.borrowers.segments[seg].pdMedianAnnual = 0.08;
      x.borrowers.segments[seg].pdLogitSd = 0;
    }
  });
  const r = runOne(s, 'counterfactual', 0);
  const exposure = Array.from(r.extras['exposureByLoans']!);
  const defaults = Array.from(r.extras['defaultsByLoans']!);
  return { rate: exposure.map((e, l) => (e > 0 ? defaults[l]! / e : NaN)), exposure };
}

describe('multi-borrowing', () => {
  it('borrowers with more concurrent loans default more often at equal base PD', () => {
    const { rate, exposure } = defaultRateByLoans(0.4, 2);
    expect(exposure[1]!).toBeGreaterThan(20000);
    expect(exposure[3]!).toBeGreaterThan(2000);
    // Monthly default rates rise with the number of loans: 1 < 2 < 3 (fixed seed).
    expect(rate[2]!).toBeGreaterThan(rate[1]! * 1.2);
    expect(rate[3]!).toBeGreaterThan(rate[2]! * 1.2);
  });

  it('without the leverage and loan-count terms, default rates do not depend on the number of loans', () => {
    const { rate, exposure } = defaultRateByLoans(0, 0);
    // Binomial noise: rate 1 - 0.92^(1/12) ~ 0.0069 a month; with >= 3000 borrower-months the
    // standard error is <= 0.0015, so a 35% relative band is about 1.6 standard errors of the smaller cell.
    expect(exposure[2]!).toBeGreaterThan(3000);
    const expected = 1 - Math.pow(1 - 0.08, 1 / 12);
    expect(Math.abs(rate[1]! - expected) / expected).toBeLessThan(0.15);
    expect(Math.abs(rate[2]! - expected) / expected).toBeLessThan(0.35);
  });
});
