/**
 * The application chain, one step per function, used by lending (model/seek.ts) and by the banks'
 * partner reviews (policies/evaluate.ts) alike, so the two can never disagree:
 *
 *   score (scoring.ts) -> price (priceLoan) -> funder order (waterfall.ts) -> the bank's decision
 *   (bankSurplus) -> the split (splitSurplus).
 *
 * Every cost is charged once, to the party that bears it (DESIGN v2 "Pricing", "Who gets what"):
 * - the funder's required return: its funding cost plus its hurdle (cost of capital);
 * - the expected loss, in the rate only where the bank bears it, in the guarantee fee only where a
 *   guarantee covers it (expected loss covered x (1 + load)), never both;
 * - the platform's own cost (technology, and acquisition spread over the loan's balance).
 * Above that floor the platform adds a markup it chooses. Caps bind in the order comprehensive,
 * nominal, outer; a price that the caps push below the floor is no price at all (credit rationing).
 * Where the regime counts fees inside the cap, its `feeEvasion` share of what the caps squeezed out
 * survives as a fee outside them (and may then keep a loan above its floor).
 * The surplus of a loan over a funder's floor is split by a Nash rule: the platform keeps
 * `bargainingPower` of it, the bank the rest, so the take rate is an outcome.
 *
 * All rates are annual fractions of the balance. No allocation: prices go into a reusable Quote.
 */
import { GUARANTEE_LICENSED, type RegimeView } from './regime.js';

/** The price of one loan, annual fractions. A reusable out-parameter (no allocation per loan). */
export interface Quote {
  /** What the platform priced off: its reference funder's floor (funder return + EL borne + guarantee fee + own cost). */
  floor: number;
  /** The bank's interest rate. */
  nominal: number;
  /** Expected loss covered x (1 + load), where a guarantee covers the loan; 0 otherwise. */
  guaranteeFee: number;
  /** Consulting / service fee the platform keeps (outside the cap where the regime allows it; with feeEvasion, also the evaded fee). */
  serviceFee: number;
  /** Everything the borrower pays: nominal + guarantee fee + service fee. */
  comprehensive: number;
  /** Fees the regime does not count toward its cap (or that evade it, feeEvasion): the hidden part of the price. */
  hiddenFees: number;
  /** Expected loss the funder bears (0 where a guarantee covers the loan). */
  expectedLossFunder: number;
  /** The platform's own cost (technology and acquisition), annual on the balance. */
  platformCost: number;
}

export function newQuote(): Quote {
  return {
    floor: 0, nominal: 0, guaranteeFee: 0, serviceFee: 0, comprehensive: 0, hiddenFees: 0,
    expectedLossFunder: 0, platformCost: 0,
  };
}

/** Copy quote `from` into `to` (a shopper keeps the cheapest of its quotes without allocating). */
export function copyQuote(to: Quote, from: Quote): void {
  to.floor = from.floor;
  to.nominal = from.nominal;
  to.guaranteeFee = from.guaranteeFee;
  to.serviceFee = from.serviceFee;
  to.comprehensive = from.comprehensive;
  to.hiddenFees = from.hiddenFees;
  to.expectedLossFunder = from.expectedLossFunder;
  to.platformCost = from.platformCost;
}

/**
 * Balance-years per unit of principal of an equal-instalment loan of `termMonths`, approximately
 * (term + 1) / 24: a one-off cost per loan spread over this is an annual rate on the balance.
 */
export function balanceYears(termMonths: number): number {
  return (termMonths + 1) / 24;
}

/**
 * The platform's own cost as an annual rate on the balance: its technology cost plus the one-off
 * acquisition cost spread over the loan's balance-years.
 */
export function platformCostRate(techCost: number, acquisitionCost: number, principal: number, termMonths: number): number {
  return techCost + acquisitionCost / (principal * balanceYears(termMonths));
}

/**
 * Price a loan into `q` (DESIGN v2 "Pricing").
 * @param funderReturn the reference funder's funding cost + hurdle (annual)
 * @param expectedLoss pd x lgd on the platform's score (annual)
 * @param covered whether a guarantee covers the loan (then the fee carries the expected loss)
 * @param guaranteeLoad guarantee fee = expected loss covered x (1 + load)
 * @param platformCost the platform's own cost (platformCostRate)
 * @param markup the platform's chosen markup above the floor (annual)
 * @param serviceFee the consulting fee the platform charges where fees may sit outside the cap
 * @returns false when the caps leave no price that covers the floor (a rejection)
 */
export function priceLoan(
  q: Quote, r: RegimeView, funderReturn: number, expectedLoss: number, covered: boolean, guaranteeLoad: number,
  platformCost: number, markup: number, serviceFee: number,
): boolean {
  const guaranteeFee = covered ? expectedLoss * (1 + guaranteeLoad) : 0;
  const elFunder = covered ? 0 : expectedLoss;
  const floor = funderReturn + elFunder + guaranteeFee + platformCost;
  // Fees outside the cap: the consulting fee, and where a guarantee is hidden, its fee.
  const outside = !r.feesInsideCap;
  let service = outside ? serviceFee : 0;
  let nominal = floor + markup - guaranteeFee - service;
  // With fees outside the cap, what the nominal cap will not hold moves into the consulting fee:
  // how the pre-rule market priced above 24% (nominal ~23%, real cost up to ~30%).
  if (outside && nominal > r.nominalCap) {
    service += nominal - r.nominalCap;
    nominal = r.nominalCap;
  }
  // 1. The comprehensive cap on the nominal rate plus the fees the regime counts.
  const counted = r.feesInsideCap ? guaranteeFee + service : r.guarantees === GUARANTEE_LICENSED ? guaranteeFee : 0;
  if (nominal > r.comprehensiveCap - counted) nominal = r.comprehensiveCap - counted;
  // 2. The nominal cap.
  if (nominal > r.nominalCap) nominal = r.nominalCap;
  // 3. The outer line on everything: the consulting fee is trimmed first.
  const room = r.outerCap - nominal - guaranteeFee;
  if (service > room) service = room > 0 ? room : 0;
  if (nominal + guaranteeFee + service > r.outerCap) nominal = r.outerCap - guaranteeFee - service;
  let comprehensive = nominal + guaranteeFee + service;
  // 4. Fee evasion: where fees count inside the cap, a share of what the caps squeezed out of the
  // price (floor + markup) survives as a membership / "rights" fee outside every cap (the "24%+"
  // products): charged to the borrower, kept by the platform, hidden.
  let evaded = 0;
  if (r.feeEvasion > 0 && r.feesInsideCap) {
    const squeezed = floor + markup - comprehensive;
    if (squeezed > 0) {
      evaded = r.feeEvasion * squeezed;
      service += evaded;
      comprehensive += evaded;
    }
  }
  if (nominal < 0 || comprehensive < floor) return false;
  q.floor = floor;
  q.nominal = nominal;
  q.guaranteeFee = guaranteeFee;
  q.serviceFee = service;
  q.comprehensive = comprehensive;
  q.hiddenFees = outside ? (r.guarantees === GUARANTEE_LICENSED ? service : guaranteeFee + service) : evaded;
  q.expectedLossFunder = elFunder;
  q.platformCost = platformCost;
  return true;
}

/**
 * The surplus of a priced loan over one funder's floor (annual): what the borrower pays minus the
 * funder's required return (funding + hurdle), the expected loss it bears on its own estimate, the
 * guarantee fee and the platform's cost. The bank lends when this is >= 0: its margin then clears
 * its hurdle.
 */
export function bankSurplus(q: Quote, funding: number, hurdle: number, expectedLossBorne: number): number {
  return q.comprehensive - funding - hurdle - expectedLossBorne - q.guaranteeFee - q.platformCost;
}

/** The bank-platform split of one loan, annual rates on its balance. Reusable out-parameter. */
export interface Split {
  /** The surplus over the funder's floor (bankSurplus). */
  surplus: number;
  /** Expected loss the bank bears on its own estimate (0 where a guarantee covers the loan). */
  expectedLossBorne: number;
  /** What the bank keeps of the nominal rate: funding + hurdle + its expected loss + (1 - power) x surplus. */
  bankKeep: number;
  /** What the bank pays the platform out of the nominal rate (revenue share + tech fee). */
  revenueShare: number;
  /** The platform's revenue: revenue share + the service fee it keeps = its cost + power x surplus. */
  platformRevenue: number;
}

export function newSplit(): Split {
  return { surplus: 0, expectedLossBorne: 0, bankKeep: 0, revenueShare: 0, platformRevenue: 0 };
}

/** Copy split `from` into `to`. */
export function copySplit(to: Split, from: Split): void {
  to.surplus = from.surplus;
  to.expectedLossBorne = from.expectedLossBorne;
  to.bankKeep = from.bankKeep;
  to.revenueShare = from.revenueShare;
  to.platformRevenue = from.platformRevenue;
}

/**
 * Nash split of the surplus with the platform's bargaining power: the bank keeps its required
 * return plus (1 - power) of the surplus, the platform its cost plus power of it. The revenue share
 * is whatever of the nominal rate the bank does not keep (negative where the platform's fees
 * outside the cap exceed its part: it then pays the bank).
 */
export function splitSurplus(s: Split, q: Quote, surplus: number, power: number, funding: number, hurdle: number, expectedLossBorne: number): void {
  s.surplus = surplus;
  s.expectedLossBorne = expectedLossBorne;
  s.bankKeep = funding + hurdle + expectedLossBorne + (1 - power) * surplus;
  s.revenueShare = q.nominal - s.bankKeep;
  s.platformRevenue = s.revenueShare + q.serviceFee;
}

/**
 * The bank's learned correction of expected losses on one platform's loans: realized over expected
 * losses, shrunk toward 1 by a prior worth 30% of the evidence plus `priorLoss` (a few typical
 * defaults' worth of money), so a new partner starts at 1 and one early default on a small book
 * moves the factor a little, not a millionfold.
 */
export function lossCalibration(realized: number, expected: number, priorLoss: number): number {
  const prior = 0.3 * expected + priorLoss;
  return (realized + prior) / (expected + prior);
}
