/**
 * Platforms, head and tail, as parallel arrays indexed by platform id. Money is in simulated units
 * (real amounts times the run's scale).
 */
import type { Scenario, Tier } from '../scenario/schema.js';
import { TIERS } from '../scenario/schema.js';
import type { Uniform } from '../rng/streams.js';

export const HEAD = 0;
export const TAIL = 1;
/** Mid-sized, higher-priced platforms (DESIGN v2 "Tiers"); the index follows metricNames' TIER_NAMES. */
export const WAIST = 2;

export interface Platforms {
  readonly count: number;
  /** HEAD, TAIL or WAIST. */
  readonly tier: Uint8Array;
  /** Share of borrower traffic (sums to 1 over all platforms). */
  readonly traffic: Float64Array;
  /** Relative pull of each borrower segment, [p * 3 + segment]. */
  readonly affinity: Float64Array;
  readonly sigma: Float64Array;
  /** Base bureau visibility of other loans (before the regime's multiplier). */
  readonly visibility: Float64Array;
  /** Technology cost per unit of balance, annual (part of the platform's cost floor). */
  readonly techFee: Float64Array;
  /** Consulting fee charged where fees may sit outside the cap, annual. */
  readonly serviceFee: Float64Array;
  /** Share of a loan's surplus the platform keeps (Nash bargaining power) this month: its tier's
   * bargainingPower, lowered where few funders compete for it (platforms.powerHalfFunders). */
  readonly bargainingPower: Float64Array;
  /** The tier's bargainingPower, before funder scarcity. */
  readonly basePower: Float64Array;
  /** Chosen markup above the floor, annual, per [p * 3 + segment]. */
  readonly markup: Float64Array;
  /** Markup learning, per [p * 3 + segment]: profit of the current and the previous window, the
   * direction of the last step (+1 / -1), and the principal and principal x realized markup of the window. */
  readonly markupProfit: Float64Array;
  readonly markupProfitPrev: Float64Array;
  readonly markupDir: Int8Array;
  readonly markupVolume: Float64Array;
  readonly markupRealized: Float64Array;
  /** The highest markup realized on one loan in the window, per [p * 3 + segment] (-Infinity: none). */
  readonly markupRealizedMax: Float64Array;
  /** Funding cost + hurdle the platform prices off this month: its funders' average (or the scenario's reference). */
  readonly funderReturn: Float64Array;
  readonly acquisitionCost: Float64Array;
  /** Fixed operating cost a month. */
  readonly fixedCost: Float64Array;
  readonly capital: Float64Array;
  /** Guarantee capital left (fees flow in, payouts flow out). */
  readonly guaranteeCapital: Float64Array;
  /** Outstanding balance of loans this platform guarantees. */
  readonly guaranteedBalance: Float64Array;
  readonly licensedGuarantor: Uint8Array;
  readonly maxFunders: Int32Array;
  /** 1 while the platform originates. */
  readonly active: Uint8Array;
  /** Losses not yet recovered: cumulative profit with profits paid out as they are made (<= 0). */
  readonly cumulativeProfit: Float64Array;
  readonly monthsWithoutPartner: Int32Array;
  /** Funding banks, in no particular order (small lists). */
  readonly funders: number[][];
  /** This month's profit: revenue share and service fees earned minus acquisition and fixed costs
   * (the guarantor's fees and payouts are its own: they move guaranteeCapital, not this). */
  readonly profitMonth: Float64Array;
  readonly originationsMonth: Float64Array;
  readonly loansMonth: Float64Array;
}

function tierIndex(t: Tier): number {
  return t === 'head' ? HEAD : t === 'tail' ? TAIL : WAIST;
}

/**
 * Build the platforms of every tier. Traffic and score noise vary across platforms of a tier by
 * `heterogeneity` (log-normal traffic, uniform relative spread of sigma), drawn from `u`.
 */
export function createPlatforms(scenario: Scenario, scale: number, u: Uniform, normal: () => number): Platforms {
  const spec = scenario.platforms;
  const n = TIERS.reduce((a, t) => a + spec[t].count, 0);
  const p: Platforms = {
    count: n,
    tier: new Uint8Array(n), traffic: new Float64Array(n), affinity: new Float64Array(n * 3), sigma: new Float64Array(n), visibility: new Float64Array(n),
    techFee: new Float64Array(n), serviceFee: new Float64Array(n), bargainingPower: new Float64Array(n), basePower: new Float64Array(n),
    markup: new Float64Array(n * 3), markupProfit: new Float64Array(n * 3), markupProfitPrev: new Float64Array(n * 3),
    markupDir: new Int8Array(n * 3), markupVolume: new Float64Array(n * 3), markupRealized: new Float64Array(n * 3),
    markupRealizedMax: new Float64Array(n * 3).fill(-Infinity),
    funderReturn: new Float64Array(n),
    acquisitionCost: new Float64Array(n), fixedCost: new Float64Array(n), capital: new Float64Array(n), guaranteeCapital: new Float64Array(n),
    guaranteedBalance: new Float64Array(n), licensedGuarantor: new Uint8Array(n), maxFunders: new Int32Array(n),
    active: new Uint8Array(n), cumulativeProfit: new Float64Array(n), monthsWithoutPartner: new Int32Array(n),
    funders: Array.from({ length: n }, () => []), profitMonth: new Float64Array(n),
    originationsMonth: new Float64Array(n), loansMonth: new Float64Array(n),
  };
  const h = spec.heterogeneity;
  let k = 0;
  for (const tierName of TIERS) {
    const t = spec[tierName];
    const start = k;
    let weightSum = 0;
    for (let j = 0; j < t.count; j++, k++) {
      p.tier[k] = tierIndex(tierName);
      const w = Math.exp(h * normal());
      p.traffic[k] = w;
      p.affinity[k * 3] = t.segmentAffinity.prime;
      p.affinity[k * 3 + 1] = t.segmentAffinity.nearPrime;
      p.affinity[k * 3 + 2] = t.segmentAffinity.subprime;
      weightSum += w;
      p.sigma[k] = t.sigma * (1 + h * (2 * u() - 1) * 0.5);
      p.visibility[k] = t.visibility;
      p.techFee[k] = t.techFeeAnnual;
      p.serviceFee[k] = t.serviceFeeAnnual;
      p.bargainingPower[k] = t.bargainingPower;
      p.basePower[k] = t.bargainingPower;
      p.markup[k * 3] = t.markupAnnual.prime;
      p.markup[k * 3 + 1] = t.markupAnnual.nearPrime;
      p.markup[k * 3 + 2] = t.markupAnnual.subprime;
      for (let s = 0; s < 3; s++) p.markupDir[k * 3 + s] = u() < 0.5 ? -1 : 1;
      p.funderReturn[k] = spec.pricing.referenceFunderReturnAnnual;
      p.acquisitionCost[k] = t.acquisitionCostPerLoan;
      p.fixedCost[k] = t.fixedCostMonthly * scale;
      p.capital[k] = t.capital * scale;
      p.guaranteeCapital[k] = t.guaranteeCapital * scale;
      p.licensedGuarantor[k] = t.licensedGuarantor ? 1 : 0;
      p.maxFunders[k] = t.maxFunders;
      p.active[k] = 1;
    }
    for (let j = start; j < k; j++) p.traffic[j] = (p.traffic[j]! / weightSum) * t.trafficShare;
  }
  return p;
}
