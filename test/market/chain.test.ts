/**
 * The application chain (sim/market/chain.ts), step by step, with hand-computed values, and its
 * invariants as property tests (fast-check, fixed seed). Regimes are the DESIGN.md table's before
 * (no comprehensive cap, nominal 24%, outer 36%, fees outside the cap, hidden guarantees) and after
 * (24% on everything, fees inside, licensed guarantees).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceYears, bankSurplus, lossCalibration, newQuote, newSplit, platformCostRate, priceLoan, splitSurplus } from '../../sim/market/chain.js';
import { GUARANTEE_HIDDEN, GUARANTEE_LICENSED, GUARANTEE_NONE, type RegimeView } from '../../sim/market/regime.js';

const base = { name: 'before' as const, ownRiskControl: false, listCostPerPartner: 0, maxPartnersPerBank: Infinity, bureauVisibility: 1 };
const BEFORE: RegimeView = { ...base, comprehensiveCap: Infinity, nominalCap: 0.24, outerCap: 0.36, feesInsideCap: false, guarantees: GUARANTEE_HIDDEN };
const AFTER: RegimeView = { ...base, name: 'after', comprehensiveCap: 0.24, nominalCap: 0.24, outerCap: 0.24, feesInsideCap: true, guarantees: GUARANTEE_LICENSED };
const close = (x: number, y: number) => expect(x).toBeCloseTo(y, 12);

// A loan: the funder needs 4% (funding + hurdle), the expected loss is 5% a year, the guarantee's
// load is 10%, the platform's own cost is 3%, its consulting fee 1%.
const price = (r: RegimeView, covered: boolean, markup: number, el = 0.05) => {
  const q = newQuote();
  const ok = priceLoan(q, r, 0.04, el, covered, 0.1, 0.03, markup, 0.01);
  return { ok, q };
};

describe('priceLoan: every cost once, caps in order', () => {
  it('before the rule, guaranteed: the expected loss sits in the (hidden) guarantee fee only', () => {
    const { ok, q } = price(BEFORE, true, 0.06);
    expect(ok).toBe(true);
    close(q.guaranteeFee, 0.055); // 0.05 x 1.1
    close(q.expectedLossFunder, 0);
    close(q.floor, 0.125); // 0.04 + 0.055 + 0.03
    close(q.serviceFee, 0.01);
    close(q.nominal, 0.12); // 0.125 + 0.06 - 0.055 - 0.01
    close(q.comprehensive, 0.185);
    close(q.hiddenFees, 0.065); // hidden guarantee fee + consulting fee
  });

  it('before the rule, not guaranteed: the expected loss sits in the rate only', () => {
    const { ok, q } = price(BEFORE, false, 0.06);
    expect(ok).toBe(true);
    close(q.guaranteeFee, 0);
    close(q.expectedLossFunder, 0.05);
    close(q.floor, 0.12);
    close(q.nominal, 0.17);
    close(q.comprehensive, 0.18);
    close(q.hiddenFees, 0.01);
  });

  it('before the rule, the nominal cap pushes the rest into the consulting fee (the grey zone)', () => {
    const { q } = price(BEFORE, true, 0.2);
    close(q.nominal, 0.24);
    close(q.serviceFee, 0.03); // 0.01 + (0.26 - 0.24)
    close(q.comprehensive, 0.325);
  });

  it('before the rule, the outer line trims the consulting fee first', () => {
    const { q } = price(BEFORE, true, 0.3);
    close(q.nominal, 0.24);
    close(q.serviceFee, 0.065); // 0.36 - 0.24 - 0.055
    close(q.comprehensive, 0.36);
  });

  it('a licensed guarantee fee counts inside the comprehensive cap', () => {
    const { q } = price(AFTER, true, 0.2);
    close(q.serviceFee, 0);
    close(q.nominal, 0.185); // 0.24 - 0.055
    close(q.comprehensive, 0.24);
    close(q.hiddenFees, 0);
  });

  it('after the rule, below the cap, the price is floor + markup', () => {
    const { q } = price(AFTER, true, 0.06);
    close(q.nominal, 0.13);
    close(q.comprehensive, 0.185);
  });

  it('a floor above the cap is no price at all (credit rationing)', () => {
    expect(price(AFTER, false, 0.05, 0.2).ok).toBe(false); // floor 0.27 > 0.24
    expect(price(AFTER, false, 0.05, 0.16).ok).toBe(true); // floor 0.23
    expect(price(AFTER, false, 0.05, 0.16).q.comprehensive).toBeCloseTo(0.24, 12);
  });
});

describe('the split and the bank decision', () => {
  it('splits a known surplus by the bargaining power and hands out exactly the surplus', () => {
    const { q } = price(AFTER, true, 0.06);
    const surplus = bankSurplus(q, 0.02, 0.02, 0);
    close(surplus, 0.06); // 0.185 - 0.02 - 0.02 - 0.055 - 0.03
    const s = newSplit();
    splitSurplus(s, q, surplus, 0.6, 0.02, 0.02, 0);
    close(s.bankKeep, 0.064); // 0.04 + 0.4 x 0.06
    close(s.revenueShare, 0.066); // nominal 0.13 - 0.064
    close(s.platformRevenue, 0.066); // own cost 0.03 + 0.6 x 0.06
  });

  it('the bank lends exactly when its margin clears its hurdle', () => {
    const { q } = price(AFTER, false, 0.06);
    // comprehensive 0.18 = funding + hurdle + expected loss borne + platform cost + 0.06 of markup
    expect(bankSurplus(q, 0.02, 0.08, 0.05)).toBeCloseTo(0, 12); // hurdle eats the whole markup
    expect(bankSurplus(q, 0.02, 0.081, 0.05)).toBeLessThan(0);
    expect(bankSurplus(q, 0.02, 0.079, 0.05)).toBeGreaterThan(0);
    // A bank whose own score sees more risk than the platform priced declines.
    expect(bankSurplus(q, 0.02, 0.02, 0.12)).toBeLessThan(0);
  });

  it('platform cost spreads the acquisition cost over the balance-years', () => {
    close(balanceYears(12), 13 / 24);
    close(platformCostRate(0.015, 300, 24000, 12), 0.015 + 300 / (24000 * 13 / 24));
  });

  it('loss calibration starts at 1 and moves with realized over expected losses', () => {
    expect(lossCalibration(0, 0, 100)).toBe(1);
    close(lossCalibration(200, 100, 0), (200 + 30) / (100 + 30));
    expect(lossCalibration(50, 100, 10)).toBeLessThan(1);
  });
});

const regime = fc.record({
  comprehensiveCap: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.05, max: 0.6, noNaN: true })),
  nominalCap: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
  outerCap: fc.double({ min: 0.05, max: 0.8, noNaN: true }),
  feesInsideCap: fc.boolean(),
  guarantees: fc.constantFrom(GUARANTEE_HIDDEN, GUARANTEE_LICENSED, GUARANTEE_NONE),
}).map((r): RegimeView => ({ ...base, ...r }));
const inputs = fc.record({
  funderReturn: fc.double({ min: 0, max: 0.1, noNaN: true }),
  el: fc.double({ min: 0, max: 0.3, noNaN: true }),
  covered: fc.boolean(),
  load: fc.double({ min: 0, max: 1, noNaN: true }),
  cost: fc.double({ min: 0, max: 0.1, noNaN: true }),
  markup: fc.double({ min: 0, max: 0.5, noNaN: true }),
  service: fc.double({ min: 0, max: 0.1, noNaN: true }),
});
const params = { seed: 20251001, numRuns: 2000 };
const EPS = 1e-12;

describe('pricing invariants (property tests)', () => {
  it('the comprehensive APR never exceeds a cap in force, nor falls below the floor', () => {
    fc.assert(fc.property(regime, inputs, (r, x) => {
      const q = newQuote();
      if (!priceLoan(q, r, x.funderReturn, x.el, x.covered, x.load, x.cost, x.markup, x.service)) return;
      expect(q.comprehensive).toBeLessThanOrEqual(r.outerCap + EPS);
      expect(q.nominal).toBeLessThanOrEqual(r.nominalCap + EPS);
      const counted = q.nominal + (r.feesInsideCap ? q.guaranteeFee + q.serviceFee : r.guarantees === GUARANTEE_LICENSED ? q.guaranteeFee : 0);
      expect(counted).toBeLessThanOrEqual(r.comprehensiveCap + EPS);
      expect(q.comprehensive).toBeGreaterThanOrEqual(q.floor - EPS);
      expect(q.comprehensive).toBeLessThanOrEqual(q.floor + x.markup + x.service + EPS);
      close(q.comprehensive, q.nominal + q.guaranteeFee + q.serviceFee);
      if (r.feesInsideCap) expect(q.hiddenFees).toBe(0);
    }), params);
  });

  it('the expected loss is charged once: in the guarantee fee where covered, in the rate where not', () => {
    fc.assert(fc.property(regime, inputs, (r, x) => {
      const q = newQuote();
      if (!priceLoan(q, r, x.funderReturn, x.el, x.covered, x.load, x.cost, x.markup, x.service)) return;
      const charged = q.floor - x.funderReturn - x.cost;
      expect(charged).toBeCloseTo(x.covered ? x.el * (1 + x.load) : x.el, 12);
      expect(q.expectedLossFunder === 0 || q.guaranteeFee === 0).toBe(true);
    }), params);
  });

  it('the split hands out exactly the surplus', () => {
    fc.assert(fc.property(regime, inputs, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), (r, x, power, funding) => {
      const q = newQuote();
      if (!priceLoan(q, r, x.funderReturn, x.el, x.covered, x.load, x.cost, x.markup, x.service)) return;
      const hurdle = x.funderReturn - funding;
      const elBorne = x.covered ? 0 : x.el;
      const surplus = bankSurplus(q, funding, hurdle, elBorne);
      const s = newSplit();
      splitSurplus(s, q, surplus, power, funding, hurdle, elBorne);
      const bankPart = s.bankKeep - funding - hurdle - elBorne;
      const platformPart = s.platformRevenue - x.cost;
      expect(bankPart + platformPart).toBeCloseTo(surplus, 12);
      expect(platformPart).toBeCloseTo(power * surplus, 12);
      // The bank's interest pays its keep and the revenue share; the borrower pays everything.
      expect(s.bankKeep + s.revenueShare).toBeCloseTo(q.nominal, 12);
    }), params);
  });
});
