/**
 * The borrower who seeks credit and gets none (DESIGN v2, "Rollover and liquidity default" and
 * "The grey market"). A seeker refused by the lenders (no price under the caps, no funder, every
 * bank declined; not one that only walked away from a price above its reservation APR) takes a
 * grey-market loan with chance greyTakeUp x the regime's greyAccess (if it holds none already). A
 * borrower whose debt service is above its segment's threshold services its loans by borrowing
 * again: it seeks whatever its propensity, and refused (or at its loan limit) and without a grey
 * loan it takes the liquidity shock: its logit default hazard rises by liquidityShock, decaying
 * linearly over liquidityMonths. (DESIGN's "still in need" is read as "still wanting credit": a
 * refused seeker of either kind may go grey; only the one whose payments depend on it is shocked.)
 *
 * A grey loan is small, short and dear (greyApr, greyTermMonths), in no bank's book: it counts in
 * the borrower's debt service and default risk (and so raises its formal default risk too), not in
 * its formal loans; the bureau does not see it. Its interest goes to the grey lenders (outside the
 * formal market in the ledger); at the borrower's default the grey lender loses lgd x its balance.
 */
import type { Borrowers } from '../agents/borrowers.js';
import { instalment } from '../agents/loans.js';
import type { RegimeView } from '../market/regime.js';
import type { Market } from './market.js';
import { L_GREY_INTEREST, L_GREY_LOSS, type Tally } from './tally.js';

/**
 * Borrower i sought credit this month and got none: refused by a lender on at least one application
 * (or at its loan limit), or in need. It takes a grey loan with chance greyTakeUp x greyAccess (if it
 * holds none already); one in need that does not takes the liquidity shock.
 * @returns whether it took a grey loan.
 */
export function refusedCredit(m: Market, r: RegimeView, tally: Tally, i: number, inNeed: boolean): boolean {
  const bo = m.borrowers;
  const seg = bo.segment[i]!;
  const g = m.scenario.borrowers.grey;
  if (inNeed) tally.refusedInNeed[seg]!++;
  if (bo.greyLeft[i] === 0 && m.rng.grey() < m.segments.greyTakeUp[seg]! * r.greyAccess) {
    const principal = g.loanToIncome * bo.incomeMonthly[i]!;
    const payment = instalment(principal, g.aprAnnual, g.termMonths);
    bo.greyBalance[i] = principal;
    bo.greyPayment[i] = payment;
    bo.greyLeft[i] = g.termMonths;
    bo.service[i] = bo.service[i]! + payment;
    tally.greyLoans++;
    tally.greyVolume += principal;
    tally.greyAprSum += principal * g.aprAnnual;
    return true;
  }
  if (inNeed) bo.shockLeft[i] = m.liquidityMonths;
  return false;
}

/** A current borrower pays this month's grey instalment: interest to the grey lender, the rest principal. */
export function payGrey(bo: Borrowers, i: number, greyRateMonthly: number, tally: Tally): void {
  const bal = bo.greyBalance[i]!;
  const interest = bal * greyRateMonthly;
  tally.ledger[L_GREY_INTEREST] = tally.ledger[L_GREY_INTEREST]! + interest;
  const left = bo.greyLeft[i]! - 1;
  if (left <= 0) {
    endGrey(bo, i);
    return;
  }
  let principalPart = bo.greyPayment[i]! - interest;
  if (principalPart > bal) principalPart = bal;
  bo.greyBalance[i] = bal - principalPart;
  bo.greyLeft[i] = left;
}

/** The borrower defaulted: its grey lender loses lgd x the balance. */
export function defaultGrey(bo: Borrowers, i: number, lgd: number, tally: Tally): void {
  const loss = lgd * bo.greyBalance[i]!;
  tally.ledger[L_GREY_LOSS] = tally.ledger[L_GREY_LOSS]! + loss;
  tally.greyLosses += loss;
  endGrey(bo, i);
}

function endGrey(bo: Borrowers, i: number): void {
  const s = bo.service[i]! - bo.greyPayment[i]!;
  bo.service[i] = bo.loans[i] === 0 || s < 0 ? 0 : s;
  bo.greyBalance[i] = 0;
  bo.greyPayment[i] = 0;
  bo.greyLeft[i] = 0;
}
