/**
 * Pricing a loan. The platform asks a nominal rate that covers the funding cost it prices off, its
 * take, the tech fee, the expected loss and a lender margin; a guarantee, where there is one, is sold
 * on top (expected loss covered x (1 + load)), and where the regime lets fees sit outside the cap a
 * consulting fee rides on top too: fees outside the cap are how the pre-rule market priced above 24%,
 * and the risk premium in the nominal rate plus a guarantee fee for the same risk is the grey zone's
 * rent. Caps then bind in order: the comprehensive cap on the nominal rate plus the fees the regime
 * counts, the nominal cap, and the outer cap on everything (the consulting fee is trimmed first).
 */
import { GUARANTEE_LICENSED, type RegimeView } from './regime.js';

/** The price of one loan, annual fractions. A reusable out-parameter (no allocation per loan). */
export interface Quote {
  nominal: number;
  guaranteeFee: number;
  consultingFee: number;
  comprehensive: number;
  /** Fees the regime does not count toward its cap: the hidden part of the price. */
  hiddenFees: number;
}

export function newQuote(): Quote {
  return { nominal: 0, guaranteeFee: 0, consultingFee: 0, comprehensive: 0, hiddenFees: 0 };
}

/** Constants of the pricing rule (scenario.platforms.pricing). */
export interface PricingParams {
  readonly referenceFunding: number;
  readonly lenderMargin: number;
  readonly guaranteeLoad: number;
  readonly lgd: number;
}

/**
 * Price a loan into `q`.
 * @param pdHat the platform's estimate of the annual default probability
 * @param covered whether a guarantee covers the loan
 * @returns false when no nominal rate under the caps even covers the platform's take and tech fee
 */
export function priceLoan(
  q: Quote, r: RegimeView, c: PricingParams, take: number, techFee: number, hiddenFee: number,
  pdHat: number, covered: boolean,
): boolean {
  const expectedLoss = pdHat * c.lgd;
  const guaranteeFee = covered ? expectedLoss * (1 + c.guaranteeLoad) : 0;
  let consulting = r.feesInsideCap ? 0 : hiddenFee;
  let nominal = c.referenceFunding + take + techFee + expectedLoss + c.lenderMargin;
  const counted = r.feesInsideCap ? guaranteeFee + consulting : r.guarantees === GUARANTEE_LICENSED ? guaranteeFee : 0;
  if (nominal > r.comprehensiveCap - counted) nominal = r.comprehensiveCap - counted;
  if (nominal > r.nominalCap) nominal = r.nominalCap;
  const room = r.outerCap - nominal - guaranteeFee;
  if (consulting > room) consulting = room > 0 ? room : 0;
  if (nominal + guaranteeFee + consulting > r.outerCap) nominal = r.outerCap - guaranteeFee - consulting;
  if (nominal < take + techFee) return false;
  q.nominal = nominal;
  q.guaranteeFee = guaranteeFee;
  q.consultingFee = consulting;
  q.comprehensive = nominal + guaranteeFee + consulting;
  q.hiddenFees = r.feesInsideCap ? 0 : r.guarantees === GUARANTEE_LICENSED ? consulting : guaranteeFee + consulting;
  return true;
}
