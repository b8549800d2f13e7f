/**
 * The application chain on the market's state: what lending (model/seek.ts) and partner reviews
 * (policies/evaluate.ts) both call, so a loan is priced and decided the same way wherever it is
 * looked at. The economics is in chain.ts; this file only reads the agents' parameters for it.
 */
import type { Market } from '../model/market.js';
import { bankSurplus, lossCalibration, platformCostRate, priceLoan, splitSurplus, type Quote, type Split } from './chain.js';
import type { RegimeView } from './regime.js';

/**
 * Platform p prices an application of a borrower of segment `seg` (principal in RMB, `pdHat` its
 * estimate of the annual default probability) into `q`, off its funders' average required return
 * and its chosen markup for the segment. @returns false when the caps leave no price above the floor.
 */
export function quote(q: Quote, m: Market, r: RegimeView, p: number, seg: number, pdHat: number, principal: number, covered: boolean): boolean {
  const pl = m.platforms;
  const cost = platformCostRate(pl.techFee[p]!, pl.acquisitionCost[p]!, principal, m.termMonths);
  return priceLoan(q, r, pl.funderReturn[p]!, pdHat * m.lgd, covered, m.guaranteeLoad, cost, pl.markup[p * 3 + seg]!, pl.serviceFee[p]!);
}

/**
 * Bank b's decision on platform p's priced application, with `pd` its estimate of the annual
 * default probability (its own score under own risk control): the surplus over its floor, on the
 * expected loss it bears (corrected by what it has learned of this platform's losses), split with
 * the platform into `s`. @returns whether it lends: the surplus is >= 0 (its margin clears its
 * hurdle) and the applicant is within its risk appetite.
 */
export function decide(m: Market, q: Quote, s: Split, b: number, p: number, pd: number, covered: boolean): boolean {
  const banks = m.banks;
  const k = b * m.platforms.count + p;
  const el = covered ? 0 : pd * m.lgd * lossCalibration(m.pairRealizedLoss[k]!, m.pairExpectedLoss[k]!, m.lossPrior);
  const funding = banks.fundingCost[b]!;
  const hurdle = banks.hurdle[b]!;
  const surplus = bankSurplus(q, funding, hurdle, el);
  splitSurplus(s, q, surplus, m.platforms.bargainingPower[p]!, funding, hurdle, el);
  return surplus >= 0 && pd <= banks.appetite[b]!;
}
