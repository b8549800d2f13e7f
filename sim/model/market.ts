/** The whole state of one run's market: agents, the loan book, bank-platform pair ledgers. */
import type { Borrowers, SegmentTable } from '../agents/borrowers.js';
import type { Banks } from '../agents/banks.js';
import type { LoanBook } from '../agents/loans.js';
import type { Platforms } from '../agents/platforms.js';
import type { Scenario } from '../scenario/schema.js';
import type { Uniform } from '../rng/streams.js';
import type { ApplicationSample } from '../market/sample.js';
import type { PricingParams } from '../market/pricing.js';

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
  /** What each platform's applications looked like lately: banks evaluate partners on it. */
  readonly samples: ApplicationSample[];
  readonly pricing: PricingParams;
  /** Prior of the banks' loss calibration: three typical defaults' worth of loss (RMB). */
  readonly lossPrior: number;
  /** Lowest funding cost plus hurdle among the banks (the routing weights' origin). */
  readonly minFunderCost: number;
  /** Routing weight of each bank before capacity: exp(-(cost - minFunderCost) / temperature). */
  readonly bankWeight: Float64Array;
  /** Shrinkage per (bank, segment): [weight, probitScale] at ((b * 3 + s) * 2). */
  readonly bankShrink: Float64Array;
  /** Shrinkage per (platform, segment), same layout. */
  readonly platformShrink: Float64Array;
}

/** Index of the (bank, platform) pair in the pair arrays. */
export function pair(m: Market, bank: number, platform: number): number {
  return bank * m.platforms.count + platform;
}
