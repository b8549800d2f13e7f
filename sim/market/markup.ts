/**
 * Platforms choose their markups (DESIGN v2 "Pricing"): at each review, per borrower segment, a
 * bounded step toward higher profit. The rule is a noisy hill climb on the window's expected profit
 * from new loans (its bargaining share of each loan's surplus over the loan's life):
 * - keep the direction of the last step while profit rose, reverse it when profit fell;
 * - with chance EXPLORE, reverse it anyway (exploration: a platform that never tries the other way
 *   cannot tell a peak from a plateau);
 * - a segment with no new loans in either window keeps its markup (nothing to learn from);
 * - a markup the caps did not let it charge is pulled down to what it realized plus one step: under
 *   a binding cap the markup is squeezed. `squeezeTo: mean` (version 1) takes the window's mean
 *   realized markup: where the cap binds on some of a segment's loans and not others, the mean is
 *   below the markup, so every review pulls it down and the price of the uncapped loans with it (a
 *   ratchet that keeps prices off the cap). `highest` takes the highest markup realized on any loan:
 *   the markup is squeezed only where no loan could carry it, and prices can bunch under the line;
 * - the markup stays in [0, maxAnnual].
 * Raising the markup earns more per loan and loses the borrowers whose reservation APR it crosses
 * and the funders whose floor it does not clear; the climb settles where the two balance.
 */
import type { Market } from '../model/market.js';

/** Chance a review reverses the direction of a segment's markup regardless of profit. */
export const EXPLORE = 0.1;

/** One markup review of every active platform (all segments). */
export function reviewMarkups(m: Market): void {
  const pl = m.platforms;
  const { stepAnnual: step, maxAnnual: max, squeezeTo } = m.scenario.platforms.markupLearning;
  const highest = squeezeTo === 'highest';
  const u = m.rng.pricing;
  for (let k = 0; k < pl.count * 3; k++) {
    const profit = pl.markupProfit[k]!;
    const prev = pl.markupProfitPrev[k]!;
    const volume = pl.markupVolume[k]!;
    const realized = volume > 0 ? (highest ? pl.markupRealizedMax[k]! : pl.markupRealized[k]! / volume) : NaN;
    pl.markupRealizedMax[k] = -Infinity;
    pl.markupProfitPrev[k] = profit;
    pl.markupProfit[k] = 0;
    pl.markupVolume[k] = 0;
    pl.markupRealized[k] = 0;
    if (pl.active[(k / 3) | 0] === 0 || (profit === 0 && prev === 0)) continue;
    let dir = pl.markupDir[k]!;
    if (profit < prev) dir = -dir;
    if (u() < EXPLORE) dir = -dir;
    pl.markupDir[k] = nextMarkupStep(pl.markup, k, dir, step, max, realized);
  }
}

/**
 * Move markup[k] one step in direction `dir`, squeezed to `realized + step` (NaN: no squeeze) and
 * kept in [0, max]. @returns the direction to keep (reversed at a bound).
 */
export function nextMarkupStep(markup: Float64Array, k: number, dir: number, step: number, max: number, realized: number): number {
  let next = markup[k]! + dir * step;
  if (next > realized + step) next = realized + step;
  if (next <= 0) {
    next = 0;
    dir = 1;
  } else if (next >= max) {
    next = max;
    dir = -1;
  }
  markup[k] = next;
  return dir;
}
