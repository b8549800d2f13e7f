/**
 * One month, in the fixed order of DESIGN.md section 3:
 *   1. timeline: the regime in force; regime-start policies (in run.ts, which owns the timeline);
 *   2. banks due for review re-select partners;
 *   3. borrowers seek loans; platforms score, price, route; banks accept; loans originate;
 *   4. defaults (cross-default), repayments, write-offs, losses split between guarantees and banks;
 *   5. platforms and banks book fixed costs; platform exits;
 *   6. metrics (in run.ts, for reported months).
 */
import type { RegimeView } from '../market/regime.js';
import { rotateSample } from '../market/sample.js';
import type { PartnerPolicy } from '../policies/index.js';
import type { Market } from './market.js';
import { drawDefaults, serviceLoans } from './repay.js';
import { seekLoans } from './seek.js';
import { resetTally, type Tally } from './tally.js';

/** Whether bank b reviews in month t (reviews are staggered by the bank's offset). */
export function reviewDue(m: Market, b: number, t: number): boolean {
  const every = m.banks.reviewMonths[b]!;
  return (((t + m.banks.reviewOffset[b]!) % every) + every) % every === 0;
}

/** Steps 2-5 of month t under regime r. */
export function stepMonth(m: Market, t: number, r: RegimeView, policies: readonly PartnerPolicy[], macroShift: number, tally: Tally): void {
  resetTally(tally);
  const pl = m.platforms;
  for (let p = 0; p < pl.count; p++) {
    pl.profitMonth[p] = 0;
    pl.originationsMonth[p] = 0;
    pl.loansMonth[p] = 0;
  }
  // 2. Reviews.
  const ctx = { market: m, regime: r, month: t };
  for (let b = 0; b < m.banks.count; b++) if (reviewDue(m, b, t)) policies[b]!.review(ctx, b);
  // 3. Applications and originations.
  seekLoans(m, r, tally);
  // 4. Defaults, repayments, losses.
  drawDefaults(m, t, macroShift, tally);
  serviceLoans(m, tally);
  // 5. Fixed costs and exits.
  bookFixedCosts(m, r, tally);
  applyPlatformExits(m);
  for (let p = 0; p < pl.count; p++) rotateSample(m.samples[p]!);
}

/** Each bank pays for its listed partners and, where the regime requires it, its own risk control. */
function bookFixedCosts(m: Market, r: RegimeView, tally: Tally): void {
  const banks = m.banks;
  for (let b = 0; b < banks.count; b++) {
    const listed = banks.partners[b]!.length;
    let cost = listed * r.listCostPerPartner * banks.listCostMultiplier[b]!;
    if (r.ownRiskControl && listed > 0 && banks.lending[b] === 1) cost += banks.riskControlCost[b]!;
    banks.profit[b] = banks.profit[b]! - cost;
    const t = banks.type[b]!;
    tally.fixedCostByType[t] = tally.fixedCostByType[t]! + cost;
  }
}

/**
 * A platform pays its fixed cost and exits when its cumulative profit falls below -capital or it has
 * long had no lending partner. Profits are paid out as they are made (the cumulative figure never
 * rises above zero), so a platform that earned well before the rule has no hoard to live on: it
 * leaves once its losses since then exceed its capital.
 */
function applyPlatformExits(m: Market): void {
  const pl = m.platforms;
  const limit = m.scenario.platforms.exitAfterMonths;
  for (let p = 0; p < pl.count; p++) {
    if (pl.active[p] === 0) continue;
    pl.profitMonth[p] = pl.profitMonth[p]! - pl.fixedCost[p]!;
    const retained = pl.cumulativeProfit[p]! + pl.profitMonth[p]!;
    pl.cumulativeProfit[p] = retained > 0 ? 0 : retained;
    let lending = 0;
    for (const b of pl.funders[p]!) if (m.banks.lending[b] === 1) lending++;
    pl.monthsWithoutPartner[p] = lending === 0 ? pl.monthsWithoutPartner[p]! + 1 : 0;
    if (pl.cumulativeProfit[p]! < -pl.capital[p]! || pl.monthsWithoutPartner[p]! >= limit) pl.active[p] = 0;
  }
}
