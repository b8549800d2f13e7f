/** What a month counts as it happens; metrics.ts turns it and the state into the month's row. */
import type { Market } from './market.js';
import { TIER_NAMES } from './metricNames.js';

const TIER_COUNT = TIER_NAMES.length;

/** Volume-weighted APR histograms: bins of APR_BIN_WIDTH from 0 to APR_BINS * APR_BIN_WIDTH. */
export const APR_BINS = 100;
export const APR_BIN_WIDTH = 0.005;
/** Margin parts summed per bank type, principal-weighted: apr, funding, take, techFee, losses, volume. */
export const MARGIN_SUMS = 6;
export const REJECT_UNPRICEABLE = 0;
export const REJECT_RESERVATION = 1;
export const REJECT_NO_FUNDER = 2;
export const REJECT_DECLINED = 3;
/** Approved, but the shopping borrower took a cheaper quote (borrowers.quotesCompared > 1). */
export const REJECT_SHOPPED = 4;
export const REJECT_REASONS = ['unpriceable', 'reservation', 'noFunder', 'declined', 'shopped'] as const;

/**
 * The money ledger: every flow of the month booked once, by kind (simulated money). Each kind has
 * a payer and a payee; `ledgerBalances` (metrics.ts) checks the agents' own accounts against it.
 */
export const L_INTEREST = 0; // borrowers -> banks: interest at the nominal rate on performing balances
export const L_SHARE = 1; // banks -> platforms: revenue share and tech fee
export const L_SERVICE = 2; // borrowers -> platforms: service / consulting fees
export const L_GUARANTEE_FEE = 3; // borrowers -> guarantors
export const L_FUNDING = 4; // banks -> depositors: funding cost on performing and non-performing balances
export const L_LOSS = 5; // credit losses: borrowers keep what they do not repay, lenders write it down
export const L_PAYOUT = 6; // guarantors -> banks: guarantee payouts on defaulted loans
export const L_BANK_FIXED = 7; // banks -> outside: list and own-risk-control costs
export const L_ACQUISITION = 8; // platforms -> outside: acquisition costs
export const L_PLATFORM_FIXED = 9; // platforms -> outside: fixed operating costs
export const L_GREY_INTEREST = 10; // borrowers -> grey lenders (outside): interest on grey loans
export const L_GREY_LOSS = 11; // grey lenders write down what defaulted borrowers do not repay
export const LEDGER_SIZE = 12;

export interface Tally {
  readonly seekers: Float64Array; // per segment
  readonly excluded: Float64Array; // per segment
  applications: number;
  /** Applications that ended without a loan, by why: no price under the caps, price above the
   * borrower's reservation APR, no partner bank with room, every bank offered declined. */
  readonly rejected: Float64Array;
  loansMade: number;
  volume: number;
  /** Per platform tier (HEAD, TAIL, WAIST): principal, principal x APR, principal x platform revenue rate. */
  readonly volumeByTier: Float64Array;
  readonly aprSumByTier: Float64Array;
  readonly revenueSumByTier: Float64Array;
  /** Per platform tier: principal x the markup realized above the floor. */
  readonly markupSumByTier: Float64Array;
  /** Sum over new loans of (reservation APR - APR) x principal. */
  consumerSurplus: number;
  /** Principal priced within 0.01 below the comprehensive cap in force. */
  nearCapVolume: number;
  /** Flows of the month by kind (L_*). */
  readonly ledger: Float64Array;
  /** Banks' capital and guarantors' capital at the start of the month. */
  bankCapitalStart: number;
  guaranteeCapitalStart: number;
  aprSum: number;
  nominalSum: number;
  /** Principal-weighted fees outside the cap. */
  hiddenSum: number;
  readonly aprHist: Float64Array;
  /** Lowest and highest APR that fell in each bin: quantiles are exact where a bin holds one value (a cap). */
  readonly aprBinMin: Float64Array;
  readonly aprBinMax: Float64Array;
  readonly nominalHist: Float64Array;
  readonly originationsByBank: Float64Array;
  /** [type * MARGIN_SUMS + part] */
  readonly marginSums: Float64Array;
  borrowersWithLoans: number;
  /** Borrowers not in default, and those of them holding a formal loan, by segment (as the default
   * draw sees them: after the month's originations). */
  readonly activeBySegment: Float64Array;
  readonly formalBySegment: Float64Array;
  defaults: number;
  defaultsMulti: number;
  /** Borrower-months at risk and defaults, by concurrent loans (index = loans). */
  readonly exposureByLoans: Float64Array;
  readonly defaultsByLoans: Float64Array;
  losses: number;
  lossesBanks: number;
  lossesGuarantees: number;
  /** Fixed costs (list and own risk control) per bank type this month. */
  readonly fixedCostByType: Float64Array;
  // (v2) Borrowers after the rule: arrears, rollover, the grey market.
  /** Formal balance in arrears 1-30, 31-60, 61-90 days past due. */
  readonly arrearsBalance: Float64Array;
  /** Borrowers whose newest formal loan is this month's, and those of them who missed the payment. */
  firstPaymentsDue: number;
  firstPaymentsMissed: number;
  /** Borrowers in need refused by every platform, by segment. */
  readonly refusedInNeed: Float64Array;
  /** Defaults (of borrowers with formal loans) within the liquidity shock of a refused rollover. */
  defaultsAfterRefusal: number;
  /** Borrowers (not in default) holding a grey loan, by segment; and those of them with no formal loan. */
  readonly greyBySegment: Float64Array;
  readonly greyOnlyBySegment: Float64Array;
  greyLoans: number;
  greyVolume: number;
  greyAprSum: number;
  greyLosses: number;
  /** Per platform tier: principal x the funding cost + hurdle of the bank that funded the loan. */
  readonly funderReturnSumByTier: Float64Array;
  /** Per platform tier: principal x what the funding bank kept net of the expected loss it bears. */
  readonly fundingCostSumByTier: Float64Array;
}

export function createTally(m: Market): Tally {
  return {
    seekers: new Float64Array(3), excluded: new Float64Array(3), applications: 0, rejected: new Float64Array(REJECT_REASONS.length), loansMade: 0, volume: 0,
    volumeByTier: new Float64Array(TIER_COUNT), aprSumByTier: new Float64Array(TIER_COUNT), revenueSumByTier: new Float64Array(TIER_COUNT), markupSumByTier: new Float64Array(TIER_COUNT),
    consumerSurplus: 0, nearCapVolume: 0, ledger: new Float64Array(LEDGER_SIZE), bankCapitalStart: 0, guaranteeCapitalStart: 0, aprSum: 0, nominalSum: 0, hiddenSum: 0,
    aprHist: new Float64Array(APR_BINS), aprBinMin: new Float64Array(APR_BINS).fill(Infinity),
    aprBinMax: new Float64Array(APR_BINS).fill(-Infinity), nominalHist: new Float64Array(APR_BINS),
    originationsByBank: new Float64Array(m.banks.count), marginSums: new Float64Array(5 * MARGIN_SUMS),
    borrowersWithLoans: 0, activeBySegment: new Float64Array(3), formalBySegment: new Float64Array(3), defaults: 0, defaultsMulti: 0,
    exposureByLoans: new Float64Array(m.scenario.borrowers.maxConcurrentLoans + 1),
    defaultsByLoans: new Float64Array(m.scenario.borrowers.maxConcurrentLoans + 1),
    losses: 0, lossesBanks: 0, lossesGuarantees: 0, fixedCostByType: new Float64Array(5),
    arrearsBalance: new Float64Array(3), firstPaymentsDue: 0, firstPaymentsMissed: 0, refusedInNeed: new Float64Array(3), defaultsAfterRefusal: 0,
    greyBySegment: new Float64Array(3), greyOnlyBySegment: new Float64Array(3), greyLoans: 0, greyVolume: 0, greyAprSum: 0, greyLosses: 0,
    funderReturnSumByTier: new Float64Array(TIER_COUNT), fundingCostSumByTier: new Float64Array(TIER_COUNT),
  };
}

export function resetTally(t: Tally): void {
  t.seekers.fill(0); t.excluded.fill(0);
  t.applications = 0; t.rejected.fill(0); t.loansMade = 0; t.volume = 0;
  t.volumeByTier.fill(0); t.aprSumByTier.fill(0); t.revenueSumByTier.fill(0); t.markupSumByTier.fill(0); t.consumerSurplus = 0; t.nearCapVolume = 0;
  t.ledger.fill(0); t.bankCapitalStart = 0; t.guaranteeCapitalStart = 0;
  t.aprSum = 0; t.nominalSum = 0; t.hiddenSum = 0;
  t.aprHist.fill(0); t.aprBinMin.fill(Infinity); t.aprBinMax.fill(-Infinity); t.nominalHist.fill(0); t.originationsByBank.fill(0); t.marginSums.fill(0);
  t.borrowersWithLoans = 0; t.activeBySegment.fill(0); t.formalBySegment.fill(0); t.defaults = 0; t.defaultsMulti = 0;
  t.exposureByLoans.fill(0); t.defaultsByLoans.fill(0);
  t.losses = 0; t.lossesBanks = 0; t.lossesGuarantees = 0; t.fixedCostByType.fill(0);
  t.arrearsBalance.fill(0); t.firstPaymentsDue = 0; t.firstPaymentsMissed = 0; t.refusedInNeed.fill(0); t.defaultsAfterRefusal = 0;
  t.greyBySegment.fill(0); t.greyOnlyBySegment.fill(0); t.greyLoans = 0; t.greyVolume = 0; t.greyAprSum = 0; t.greyLosses = 0;
  t.funderReturnSumByTier.fill(0); t.fundingCostSumByTier.fill(0);
}

/** Histogram bin of an APR (the last bin takes everything above). */
export function aprBin(apr: number): number {
  const k = Math.floor(apr / APR_BIN_WIDTH);
  return k < 0 ? 0 : k >= APR_BINS ? APR_BINS - 1 : k;
}
