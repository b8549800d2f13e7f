/**
 * The chain on a market's state (sim/market/application.ts), the funder order (waterfall.ts) and
 * the markup rule (markup.ts), with hand-computed values on a small built market.
 */
import { describe, expect, it } from 'vitest';
import { decide, quote } from '../../sim/market/application.js';
import { newQuote, newSplit, platformCostRate } from '../../sim/market/chain.js';
import { nextMarkupStep, reviewMarkups } from '../../sim/market/markup.js';
import { regimeView } from '../../sim/market/regime.js';
import { routingWeight } from '../../sim/market/waterfall.js';
import { buildMarket } from '../../sim/model/build.js';
import { smallScenario } from '../model/helpers.js';

function market() {
  const s = smallScenario();
  const m = buildMarket(s, 0);
  return { s, m, after: regimeView('after', s.regimes.after, m.scale), before: regimeView('before', s.regimes.before, m.scale) };
}

describe('quote and decide', () => {
  it('prices off the platform\'s funder return, its own cost and its markup for the segment', () => {
    const { m, after } = market();
    const p = 0;
    m.platforms.funderReturn[p] = 0.04;
    m.platforms.markup[p * 3 + 1] = 0.05;
    const q = newQuote();
    const principal = 20000;
    expect(quote(q, m, after, p, 1, 0.04, principal, false)).toBe(true);
    const cost = platformCostRate(m.platforms.techFee[p]!, m.platforms.acquisitionCost[p]!, principal, m.termMonths);
    expect(q.floor).toBeCloseTo(0.04 + 0.04 * m.lgd + cost, 12);
    expect(q.comprehensive).toBeCloseTo(q.floor + 0.05, 12);
    // Another segment's markup gives another price.
    m.platforms.markup[p * 3 + 2] = 0.01;
    const q2 = newQuote();
    quote(q2, m, after, p, 2, 0.04, principal, false);
    expect(q2.comprehensive).toBeCloseTo(q.floor + 0.01, 12);
  });

  it('a bank lends at its hurdle, not below it, and not beyond its risk appetite', () => {
    const { m, after } = market();
    const p = 0;
    const b = 0;
    const q = newQuote();
    m.platforms.funderReturn[p] = 0.04;
    m.platforms.markup[p * 3] = 0.03;
    quote(q, m, after, p, 0, 0.02, 20000, true);
    const s = newSplit();
    // Surplus = markup + the platform's reference return - this bank's: set its hurdle to eat it exactly.
    m.banks.fundingCost[b] = 0.02;
    m.banks.hurdle[b] = 0.02 + 0.03;
    m.banks.appetite[b] = 0.5;
    decide(m, q, s, b, p, 0.02, true);
    expect(s.surplus).toBeCloseTo(0, 12);
    m.banks.hurdle[b] = 0.0499;
    expect(decide(m, q, s, b, p, 0.02, true)).toBe(true);
    m.banks.hurdle[b] = 0.0501;
    expect(decide(m, q, s, b, p, 0.02, true)).toBe(false);
    m.banks.hurdle[b] = 0.02;
    expect(decide(m, q, s, b, p, 0.02, true)).toBe(true);
    expect(s.surplus).toBeCloseTo(0.03, 12);
    m.banks.appetite[b] = 0.019;
    expect(decide(m, q, s, b, p, 0.02, true)).toBe(false);
  });

  it('a bank bears the expected loss of an uncovered loan, corrected by what it learned of the platform', () => {
    const { m, after } = market();
    const p = 1;
    const b = 2;
    const q = newQuote();
    quote(q, m, after, p, 0, 0.02, 20000, false);
    const s = newSplit();
    m.banks.appetite[b] = 1;
    decide(m, q, s, b, p, 0.03, false);
    expect(s.expectedLossBorne).toBeCloseTo(0.03 * m.lgd, 12);
    const k = b * m.platforms.count + p;
    m.pairExpectedLoss[k] = 1e9;
    m.pairRealizedLoss[k] = 2e9; // losses ran at twice what it expected
    decide(m, q, s, b, p, 0.03, false);
    expect(s.expectedLossBorne).toBeGreaterThan(1.7 * 0.03 * m.lgd); // (2 + 0.3) / (1 + 0.3) with the prior
    decide(m, q, s, b, p, 0.03, true);
    expect(s.expectedLossBorne).toBe(0);
  });
});

describe('funder order', () => {
  it('weighs what a funder leaves the platform and its record of accepting', () => {
    const { m } = market();
    const p = 0;
    const [cheap, dear] = [0, 1];
    m.funderReturn[cheap] = m.minFunderCost;
    m.funderReturn[dear] = m.minFunderCost + 0.02;
    const power = m.platforms.bargainingPower[p]!;
    const ratio = routingWeight(m, dear, p) / routingWeight(m, cheap, p);
    expect(ratio).toBeCloseTo(Math.exp((-power * 0.02) / m.routingTemperature), 12);
    // A funder that declined everything it was offered loses weight.
    m.pairOffered[dear * m.platforms.count + p] = 98;
    expect(routingWeight(m, dear, p) / routingWeight(m, cheap, p)).toBeCloseTo(ratio / 50, 12);
  });
});

describe('markups', () => {
  it('steps, squeezes to what the caps let it realize, and stays within bounds', () => {
    const mk = Float64Array.of(0.05);
    expect(nextMarkupStep(mk, 0, 1, 0.005, 0.3, NaN)).toBe(1);
    expect(mk[0]).toBeCloseTo(0.055, 12);
    expect(nextMarkupStep(mk, 0, -1, 0.005, 0.3, NaN)).toBe(-1);
    expect(mk[0]).toBeCloseTo(0.05, 12);
    // The cap let it realize only 0.02: the markup is pulled down to 0.025.
    nextMarkupStep(mk, 0, 1, 0.005, 0.3, 0.02);
    expect(mk[0]).toBeCloseTo(0.025, 12);
    mk[0] = 0.002;
    expect(nextMarkupStep(mk, 0, -1, 0.005, 0.3, NaN)).toBe(1);
    expect(mk[0]).toBe(0);
    mk[0] = 0.298;
    expect(nextMarkupStep(mk, 0, 1, 0.005, 0.3, NaN)).toBe(-1);
    expect(mk[0]).toBe(0.3);
  });

  it('a review keeps the direction while profit rises, reverses it when profit falls, holds without sales', () => {
    const { m } = market();
    const pl = m.platforms;
    const step = m.scenario.platforms.markupLearning.stepAnnual;
    // Fix the exploration draws: the stream is replaced by one that never explores.
    (m.rng as { pricing: () => number }).pricing = () => 0.99;
    const k = 0;
    pl.markup[k] = 0.05;
    pl.markupDir[k] = 1;
    pl.markupProfitPrev[k] = 100;
    pl.markupProfit[k] = 120;
    reviewMarkups(m);
    expect(pl.markup[k]).toBeCloseTo(0.05 + step, 12);
    expect(pl.markupProfitPrev[k]).toBe(120);
    pl.markupProfit[k] = 90;
    reviewMarkups(m);
    expect(pl.markup[k]).toBeCloseTo(0.05, 12);
    expect(pl.markupDir[k]).toBe(-1);
    const held = pl.markup[k + 1]!;
    pl.markupProfit[k + 1] = 0;
    pl.markupProfitPrev[k + 1] = 0;
    reviewMarkups(m);
    expect(pl.markup[k + 1]).toBe(held);
  });
});
