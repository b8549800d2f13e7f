/**
 * Competition (issue 12): borrowers compare quotes (borrowers.quotesCompared), platforms' markups
 * face rivals, and the caps bound what a markup can charge.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IN_DEFAULT } from '../../sim/agents/borrowers.js';
import { PERFORMING } from '../../sim/agents/loans.js';
import { nextMarkupStep, reviewMarkups } from '../../sim/market/markup.js';
import { regimeView } from '../../sim/market/regime.js';
import { createFunderTables, loadFunderTables } from '../../sim/market/waterfall.js';
import { buildMarket } from '../../sim/model/build.js';
import type { Market } from '../../sim/model/market.js';
import { METRIC_NAMES } from '../../sim/model/metricNames.js';
import { runOne } from '../../sim/model/run.js';
import { seekLoans } from '../../sim/model/seek.js';
import { createTally, REJECT_RESERVATION, REJECT_SHOPPED } from '../../sim/model/tally.js';
import { newLoanAprs, smallScenario } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');

/** 16 hex digits of the SHA-256 of a metric's monthly values as float64 bytes (scripts/market-reference.mjs). */
function fingerprint(series: Float64Array, metric: number, months: number): string {
  const v = new Float64Array(months);
  for (let t = 0; t < months; t++) v[t] = series[t * METRIC_NAMES.length + metric]!;
  return createHash('sha256').update(Buffer.from(v.buffer)).digest('hex').slice(0, 16);
}

describe('quotesCompared 1 is the market before shopping', () => {
  // The reference is the small market of main at the commit the file names, before shopping and the
  // waist tier existed (scripts/market-reference.mjs). Metrics added since (the waist's, funderReturn.*,
  // rejectedShare.shopped) have no reference; every other metric must be the same bytes, every month.
  const reference = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/market-reference.json'), 'utf8')) as {
    commit: string; arms: Record<'policy' | 'counterfactual', Record<string, string>>;
  };
  for (const arm of ['policy', 'counterfactual'] as const) {
    it(`same bytes, metric by metric (${arm} arm, reference ${reference.commit})`, () => {
      const s = smallScenario();
      expect(s.borrowers.quotesCompared).toBe(1);
      const r = runOne(s, arm, 0);
      const ref = reference.arms[arm];
      const compared = METRIC_NAMES.filter((name) => name in ref);
      expect(compared.length).toBeGreaterThan(100);
      const differ = compared.filter((name) => fingerprint(r.series, METRIC_NAMES.indexOf(name), s.months) !== ref[name]);
      expect(differ).toEqual([]);
      // Every reference metric still exists (a rename would silently shrink the comparison).
      expect(Object.keys(ref).filter((name) => !METRIC_NAMES.includes(name))).toEqual([]);
    });
  }
});

/**
 * A hand-built market: one seeker (a prime borrower who will pay up to 60%), two head platforms A
 * and B with equal traffic and one funder each (the same large bank), every other platform and
 * borrower out. The routing stream is scripted: 0.1 draws A, 0.9 draws B (cumulative traffic 0.5, 1),
 * the draw for the single funder is immaterial.
 */
function twoPlatforms(quotesCompared: number, markupA: number, markupB: number, draws: number[], reservationApr = 0.6) {
  const s = smallScenario((x) => {
    x.borrowers.count = 100;
    x.borrowers.applicationsPerMonth = 2;
    x.borrowers.quotesCompared = quotesCompared;
    x.platforms.heterogeneity = 0;
  });
  const built = buildMarket(s, 0);
  const pl = built.platforms;
  const A = 0;
  const B = 1;
  const bank = 0;
  expect(built.banks.type[bank]).toBe(0); // a large bank: cheapest funds, lends to prime borrowers
  for (let p = 0; p < pl.count; p++) {
    pl.active[p] = p === A || p === B ? 1 : 0;
    pl.traffic[p] = 1;
    pl.funders[p]!.length = 0;
  }
  pl.funders[A]!.push(bank);
  pl.funders[B]!.push(bank);
  // Noiseless scores, so a quote's price does not depend on the order of the applications.
  pl.sigma[A] = 0;
  pl.sigma[B] = 0;
  pl.markup[A * 3] = markupA;
  pl.markup[B * 3] = markupB;
  const bo = built.borrowers;
  bo.status.fill(IN_DEFAULT);
  bo.status[0] = 0;
  bo.segment[0] = 0;
  bo.logitPd[0] = Math.log(0.01 / 0.99);
  bo.reservationApr[0] = reservationApr;
  bo.loans[0] = 0;
  bo.debt[0] = 0;
  bo.propensity[0] = 1;
  built.segments.propensity.fill(1);
  let k = 0;
  const m: Market = { ...built, rng: { ...built.rng, routing: () => draws[k++ % draws.length]! } };
  const tally = createTally(m);
  seekLoans(m, regimeView('before', s.regimes.before, m.scale), tally);
  const loans: { platform: number; apr: number }[] = [];
  const book = m.loans;
  for (let j = 0; j < book.count; j++) {
    if (book.state[j] === PERFORMING) loans.push({ platform: book.platform[j]!, apr: book.rate[j]! + book.feeRate[j]! + book.guaranteeFeeRate[j]! });
  }
  const P = pl.count;
  return { m, tally, loans, A, B, pair: (p: number) => ({ offered: m.pairOffered[bank * P + p]!, accepted: m.pairAccepted[bank * P + p]!, book: m.pairBook[bank * P + p]! }) };
}

describe('a shopper takes the cheaper quote', () => {
  it('with two approved quotes it takes the cheaper, whichever came first', () => {
    for (const draws of [[0.1, 0.5, 0.9, 0.5], [0.9, 0.5, 0.1, 0.5]]) {
      const { loans, B, tally, A, pair } = twoPlatforms(2, 0.1, 0.02, draws);
      expect(loans).toHaveLength(1);
      expect(loans[0]!.platform).toBe(B);
      expect(tally.applications).toBe(2);
      expect(tally.rejected[REJECT_SHOPPED]).toBe(1);
      // The quote not taken: offered to and accepted by its bank, but no loan booked.
      expect(pair(A)).toEqual({ offered: 1, accepted: 1, book: 0 });
      expect(pair(B).book).toBeGreaterThan(0);
    }
  });

  it('the price taken is the cheaper quote: 8 points of markup below the dearer one', () => {
    const cheap = twoPlatforms(1, 0.1, 0.02, [0.9, 0.5]).loans[0]!;
    const dear = twoPlatforms(1, 0.1, 0.02, [0.1, 0.5]).loans[0]!;
    const shopped = twoPlatforms(2, 0.1, 0.02, [0.1, 0.5, 0.9, 0.5]).loans[0]!;
    // Float32 storage of the rates in the loan book: agree to 1e-6.
    expect(dear.apr - cheap.apr).toBeCloseTo(0.08, 6);
    expect(shopped.apr).toBeCloseTo(cheap.apr, 6);
  });

  it('without shopping (quotesCompared 1) it takes the first approval, dearer or not', () => {
    const { loans, A, tally } = twoPlatforms(1, 0.1, 0.02, [0.1, 0.5, 0.9, 0.5]);
    expect(loans.map((l) => l.platform)).toEqual([A]);
    expect(tally.applications).toBe(1);
    expect(tally.rejected[REJECT_SHOPPED]).toBe(0);
  });

  it('takes a lone approved quote when its other application is refused', () => {
    // B's price (its markup of 30 points, cut to the 36% outer line) is above the borrower's 30%.
    const { loans, tally, A } = twoPlatforms(2, 0.02, 0.3, [0.1, 0.5, 0.9, 0.5], 0.3);
    expect(tally.applications).toBe(2);
    expect(tally.rejected[REJECT_RESERVATION]).toBe(1);
    expect(tally.rejected[REJECT_SHOPPED]).toBe(0);
    expect(loans.map((l) => l.platform)).toEqual([A]);
  });
});

/**
 * One head platform (head-1) charges `extra` above its rivals' markup in every segment; markups are
 * fixed (no learning) so nothing else moves. Its share of the head tier's originations over the
 * reported months of the counterfactual arm (the before regime, where prime prices sit below the caps).
 */
function headShareOfOne(quotesCompared: number, extra: number): number {
  const s = smallScenario((x) => {
    x.borrowers.count = 20000;
    x.borrowers.quotesCompared = quotesCompared;
    x.borrowers.applicationsPerMonth = 3;
    x.platforms.markupLearning.enabled = false;
    x.months = 6;
    x.ruleStartMonth = 5;
    x.burnInMonths = 6;
  });
  let one = 0;
  let head = 0;
  let started = false;
  runOne(s, 'counterfactual', 0, (m, t) => {
    const pl = m.platforms;
    if (!started) {
      for (let seg = 0; seg < 3; seg++) pl.markup[seg] = pl.markup[seg]! + extra;
      started = true;
    }
    if (t < 0) return;
    for (let p = 0; p < pl.count; p++) {
      if (pl.tier[p] !== 0) continue;
      head += pl.originationsMonth[p]!;
      if (p === 0) one += pl.originationsMonth[p]!;
    }
  });
  return one / head;
}

describe('overpricing loses shoppers', () => {
  it('a head platform 4 points dearer than its rivals keeps under 60% of its share where borrowers compare 2 quotes, and loses more than where they take the first approval', () => {
    // Same seed, same market; only head-1's markup and the borrowers' shopping differ.
    const base2 = headShareOfOne(2, 0);
    const dear2 = headShareOfOne(2, 0.04);
    const base1 = headShareOfOne(1, 0);
    const dear1 = headShareOfOne(1, 0.04);
    expect(base2).toBeGreaterThan(0.02);
    // Tolerance: the kept share must be below 0.6 with shopping (a strict test: with first-approval
    // borrowers the loss comes only from reservation APRs it crosses).
    expect(dear2 / base2).toBeLessThan(0.6);
    expect(dear2 / base2).toBeLessThan(dear1 / base1 - 0.1);
  });
});

describe('markups stay within the caps in force', () => {
  it('squeezeTo: mean pulls a markup to the mean realized (the cap bound on part of the segment), highest to the highest one loan carried', () => {
    for (const [squeezeTo, expected] of [['mean', 0.06 + 0.005], ['highest', 0.09 + 0.005]] as const) {
      const s = smallScenario((x) => (x.platforms.markupLearning.squeezeTo = squeezeTo));
      const m = buildMarket(s, 0);
      const pl = m.platforms;
      const k = 0; // head-1, prime
      // The window: two loans of 100, one carried the full markup 0.09, the cap cut the other's to 0.03.
      pl.markup[k] = 0.1;
      pl.markupDir[k] = 1;
      pl.markupProfitPrev[k] = 1;
      pl.markupProfit[k] = 2; // profit rose: the markup would step up, but the squeeze binds
      pl.markupVolume[k] = 200;
      pl.markupRealized[k] = 100 * 0.09 + 100 * 0.03;
      pl.markupRealizedMax[k] = 0.09;
      // No exploration: the direction stays up either way (the squeeze decides).
      reviewMarkups({ ...m, rng: { ...m.rng, pricing: () => 0.99 } });
      expect(pl.markup[k], squeezeTo).toBeCloseTo(expected, 12);
      expect(pl.markupRealizedMax[k]).toBe(-Infinity);
    }
  });

  it('a review never leaves a markup above what the caps let it realize plus one step, nor outside [0, max] (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.5, noNaN: true }), fc.constantFrom(-1, 1), fc.double({ min: 0.001, max: 0.02, noNaN: true }),
        fc.double({ min: 0.05, max: 0.6, noNaN: true }), fc.option(fc.double({ min: 0, max: 0.4, noNaN: true }), { nil: NaN }),
        (start, dir, step, max, realized) => {
          const markup = Float64Array.of(start);
          const next = nextMarkupStep(markup, 0, dir, step, max, realized);
          expect(markup[0]).toBeGreaterThanOrEqual(0);
          expect(markup[0]).toBeLessThanOrEqual(max);
          if (!Number.isNaN(realized)) expect(markup[0]).toBeLessThanOrEqual(Math.max(0, realized + step) + 1e-15);
          expect([-1, 1]).toContain(next);
        },
      ),
      { seed: 20251001, numRuns: 500 },
    );
  });

  it('every loan made under a cap is priced within it, whatever the cap and the shopping (property, small markets)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.15, max: 0.3, noNaN: true }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1000 }), (cap, quotes, run) => {
        const s = smallScenario((x) => {
          x.borrowers.count = 2000;
          x.borrowers.quotesCompared = quotes;
          x.borrowers.applicationsPerMonth = 3;
          x.months = 9;
          x.ruleStartMonth = 3;
          x.burnInMonths = 3;
          x.regimes.after.comprehensiveCap = cap;
          x.regimes.after.outerCap = cap;
        });
        let checked = 0;
        newLoanAprs(s, 'policy', run).aprs.forEach((aprs, t) => {
          if (t < s.ruleStartMonth) return;
          for (const apr of aprs) {
            checked++;
            // Float32 storage: within 1e-6 of the cap.
            expect(apr).toBeLessThanOrEqual(cap + 1e-6);
          }
        });
        expect(checked).toBeGreaterThan(0);
      }),
      { seed: 12, numRuns: 4 },
    );
  });
});

describe('funding follows the funders\' supply (platforms.powerHalfFunders)', () => {
  it('a platform keeps its tier\'s power x n / (n + h), n its lending funders with room; h = 0 leaves the power alone', () => {
    for (const half of [0, 2]) {
      const s = smallScenario((x) => (x.platforms.powerHalfFunders = half));
      const m = buildMarket(s, 0);
      const pl = m.platforms;
      const f = createFunderTables(pl.count, s.platforms.maxOffersPerApplication);
      pl.funders[0]!.length = 0;
      pl.funders[0]!.push(0, 1, 2);
      pl.funders[1]!.length = 0;
      loadFunderTables(f, m, s.platforms.pricing.referenceFunderReturnAnnual);
      const base = s.platforms.head.bargainingPower;
      expect(f.count[0]).toBe(3);
      expect(pl.bargainingPower[0]).toBeCloseTo(half === 0 ? base : (base * 3) / 5, 12);
      // No funder: no power at all where funders are scarce, the tier's where the split is fixed.
      expect(pl.bargainingPower[1]).toBe(half === 0 ? base : 0);
      expect(pl.basePower[0]).toBe(base);
    }
  });
});
