/** The whole state of one run's market: agents, the loan book, bank-platform pair ledgers. */
import type { Borrowers, SegmentTable } from '../agents/borrowers.js';
import type { Banks } from '../agents/banks.js';
import type { LoanBook } from '../agents/loans.js';
import type { Platforms } from '../agents/platforms.js';
import type { Scenario } from '../scenario/schema.js';
import type { Uniform } from '../rng/streams.js';
import type { ApplicationSample } from '../market/sample.js';

export interface Rng {
  readonly population: Uniform;
  readonly populationNormal: () => number;
  readonly seek: Uniform;
  readonly scores: () => number;
  readonly scoresUniform: Uniform;
  readonly routing: Uniform;
  readonly defaults: Uniform;
  readonly review: Uniform;
  readonly reviewNormal: () => number;
  /** Platforms' markup exploration. */
  readonly pricing: Uniform;
  /** Grey-market take-up by refused borrowers in need. */
  readonly grey: Uniform;
}

export interface Market {
  readonly scenario: Scenario;
  /** Simulated money per real money: borrowers.count / market.realBorrowers. */
  readonly scale: number;
  readonly segments: SegmentTable;
  readonly borrowers: Borrowers;
  readonly platforms: Platforms;
  readonly banks: Banks;
  readonly loans: LoanBook;
  readonly rng: Rng;
  /** link[b * P + p] = 1 when platform p is on bank b's list. */
  readonly link: Uint8Array;
  /** Outstanding performing balance per (bank, platform). */
  readonly pairBook: Float64Array;
  /** Decayed expected credit losses per (bank, platform) at the bank's own estimates. */
  readonly pairExpectedLoss: Float64Array;
  /** Decayed realized credit losses per (bank, platform), whoever bore them. */
  readonly pairRealizedLoss: Float64Array;
  /** Decayed credit losses per (bank, platform) that the bank bore itself (net of guarantee payouts). */
  readonly pairBorneLoss: Float64Array;
  /** What each platform's applications looked like lately: banks evaluate partners on it. */
  readonly samples: ApplicationSample[];
  /** Decayed count of applications each (bank, platform) pair was offered, and accepted: the
   * funder's record of accepting, which routing weighs. */
  readonly pairOffered: Float64Array;
  readonly pairAccepted: Float64Array;
  /** Loss given default and the guarantee load (scenario constants the chain reads). */
  readonly lgd: number;
  readonly guaranteeLoad: number;
  readonly termMonths: number;
  /** Prior of the banks' loss calibration: three typical defaults' worth of loss (RMB). */
  readonly lossPrior: number;
  /** Lowest funding cost plus hurdle among the banks (the routing weights' origin). */
  readonly minFunderCost: number;
  /** Funding cost + hurdle of each bank: its required return before expected loss. */
  readonly funderReturn: Float64Array;
  /** Routing temperature (annual): a funder's weight falls by e per this much of what it leaves the platform. */
  readonly routingTemperature: number;
  /** Shrinkage per (bank, segment): [weight, probitScale] at ((b * 3 + s) * 2). */
  readonly bankShrink: Float64Array;
  /** Shrinkage per (platform, segment), same layout. */
  readonly platformShrink: Float64Array;
  /** Missed-payment hazard multiplier by the age in months of the borrower's newest formal loan
   * (index = age, the last entry for every older age); mean 1 over the term. */
  readonly seasoning: Float64Array;
  /** Borrowers the last borrower pass found in need (debt service above threshold), in order. */
  readonly need: { readonly list: Int32Array; count: number };
  readonly liquidityMonths: number;
}

/** Index of the (bank, platform) pair in the pair arrays. */
export function pair(m: Market, bank: number, platform: number): number {
  return bank * m.platforms.count + platform;
}
