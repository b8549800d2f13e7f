/**
 * One month, in the fixed order of DESIGN.md section 3:
 *   1. timeline: the regime in force; regime-start policies (in run.ts, which owns the timeline);
 *   2. banks due for review re-select partners;
 *   3. borrowers seek loans; platforms score, price, route; banks accept; loans originate;
 *   4. defaults (cross-default), repayments, write-offs, losses split between guarantees and banks;
 *   5. platforms and banks book fixed costs; banks' capital moves with their profit and loss (the
 *      book caps follow it) and they watch their NPL firewall; platforms review their markups;
 *      platform exits;
 *   6. metrics (in run.ts, for reported months).
 */
import type { RegimeView } from '../market/regime.js';
import { rotateSample } from '../market/sample.js';
import type { PartnerPolicy } from '../policies/index.js';
import type { Market } from './market.js';
import { drawDefaults, serviceLoans } from './repay.js';
import { seekLoans } from './seek.js';
import { setCaps } from '../agents/banks.js';
import { reviewMarkups } from '../market/markup.js';
import { L_BANK_FIXED, L_PLATFORM_FIXED, resetTally, type Tally } from './tally.js';

/** Whether bank b reviews in month t (reviews are staggered by the bank's offset). */
export function reviewDue(m: Market, b: number, t: number): boolean {
  const every = m.banks.reviewMonths[b]!;
  return (((t + m.banks.reviewOffset[b]!) % every) + every) % every === 0;
}

/** Steps 2-5 of month t under regime r. */
export function stepMonth(m: Market, t: number, r: RegimeView, policies: readonly PartnerPolicy[], macroShift: number, tally: Tally): void {
  resetTally(tally);
  const pl = m.platforms;
  const banks = m.banks;
  for (let p = 0; p < pl.count; p++) {
    pl.profitMonth[p] = 0;
    pl.originationsMonth[p] = 0;
    pl.loansMonth[p] = 0;
    tally.guaranteeCapitalStart += pl.guaranteeCapital[p]!;
  }
  for (let b = 0; b < banks.count; b++) {
    banks.pnlMonth[b] = 0;
    banks.dividendMonth[b] = 0;
    tally.bankCapitalStart += banks.capital[b]!;
  }
  // 2. Reviews.
  const ctx = { market: m, regime: r, month: t };
  for (let b = 0; b < m.banks.count; b++) if (reviewDue(m, b, t)) policies[b]!.review(ctx, b);
  // 3. Applications and originations.
  seekLoans(m, r, tally, t);
  // 4. Defaults, repayments, losses.
  drawDefaults(m, t, macroShift, tally);
  serviceLoans(m, tally);
  // 5. Fixed costs and exits.
  bookFixedCosts(m, r, tally);
  settleBanks(m, t);
  const learning = m.scenario.platforms.markupLearning;
  if (learning.enabled && (((t % learning.reviewMonths) + learning.reviewMonths) % learning.reviewMonths) === 0) reviewMarkups(m);
  applyPlatformExits(m, tally);
  for (let p = 0; p < pl.count; p++) rotateSample(m.samples[p]!);
}

/** Each bank pays for its listed partners and, where the regime requires it, its own risk control. */
function bookFixedCosts(m: Market, r: RegimeView, tally: Tally): void {
  const banks = m.banks;
  for (let b = 0; b < banks.count; b++) {
    const listed = banks.partners[b]!.length;
    let cost = listed * r.listCostPerPartner * banks.listCostMultiplier[b]!;
    if (r.ownRiskControl && listed > 0 && banks.lending[b] === 1) cost += banks.riskControlCost[b]!;
    banks.pnlMonth[b] = banks.pnlMonth[b]! - cost;
    tally.ledger[L_BANK_FIXED] = tally.ledger[L_BANK_FIXED]! + cost;
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
/**
 * The banks' balance sheets (DESIGN v2): the month's profit and loss moves capital, and capital
 * above the starting level is paid out, so losses bind and profits do not pile up; the internet
 * book cap and the per-partner cap follow capital. Each bank then reads its lagged NPL ratio (the
 * non-performing balance it bears, net of what guarantees compensate, over the book of 12 months
 * ago, so a shrinking book does not flatter it) against its firewall: above it, its risk appetite
 * tightens and its next review cuts the partner whose losses ran worst (policies/optimize.ts).
 */
export function settleBanks(m: Market, t: number): void {
  const banks = m.banks;
  const tightening = m.scenario.banks.firewallTightening;
  const slot = ((t % 12) + 12) % 12;
  for (let b = 0; b < banks.count; b++) {
    let capital = banks.capital[b]! + banks.pnlMonth[b]!;
    const target = banks.capitalTarget[b]!;
    if (capital > target) {
      banks.dividendMonth[b] = capital - target;
      capital = target;
    }
    banks.capital[b] = capital;
    setCaps(banks, b);
    const h = b * 12 + slot;
    const yearAgo = banks.outstandingHistory[h]!; // written 12 months ago (0 in the first year)
    banks.outstandingYearAgo[b] = yearAgo;
    banks.outstandingHistory[h] = banks.outstanding[b]!;
    const lagged = yearAgo > 1 ? banks.nonPerformingBorne[b]! / yearAgo : NaN;
    banks.nplLagged[b] = lagged;
    banks.aboveFirewall[b] = lagged > banks.nplFirewall[b]! ? 1 : 0;
    banks.appetite[b] = banks.aboveFirewall[b] === 1 ? banks.maxPd[b]! * tightening : banks.maxPd[b]!;
  }
}

function applyPlatformExits(m: Market, tally: Tally): void {
  const pl = m.platforms;
  const limit = m.scenario.platforms.exitAfterMonths;
  for (let p = 0; p < pl.count; p++) {
    if (pl.active[p] === 0) continue;
    pl.profitMonth[p] = pl.profitMonth[p]! - pl.fixedCost[p]!;
    tally.ledger[L_PLATFORM_FIXED] = tally.ledger[L_PLATFORM_FIXED]! + pl.fixedCost[p]!;
    const retained = pl.cumulativeProfit[p]! + pl.profitMonth[p]!;
    pl.cumulativeProfit[p] = retained > 0 ? 0 : retained;
    let lending = 0;
    for (const b of pl.funders[p]!) if (m.banks.lending[b] === 1) lending++;
    pl.monthsWithoutPartner[p] = lending === 0 ? pl.monthsWithoutPartner[p]! + 1 : 0;
    if (pl.cumulativeProfit[p]! < -pl.capital[p]! || pl.monthsWithoutPartner[p]! >= limit) pl.active[p] = 0;
  }
}
