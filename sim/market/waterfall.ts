/**
 * The funder waterfall: an approved application is offered to the platform's partner banks one
 * after another, in an order drawn for each application and weighted toward the funders that leave
 * the platform the most (its bargaining share of the surplus falls with the funder's required
 * return: `routingWeight`), toward funders with a record of accepting, and toward spare capacity
 * (under the per-partner cap of 25% of tier-1 capital and the bank's internet-book cap). So a
 * platform spreads its flow instead of handing it all to its cheapest funder, and a bank late in
 * the order sees what others declined. The weights are set at the start of each month (spare
 * capacity as of then; the exact caps are checked again when a bank accepts), and an application
 * is offered to at most `maxOffersPerApplication` banks.
 */
import type { Market } from '../model/market.js';
import type { Uniform } from '../rng/streams.js';

/** Per platform, this month's cumulative funder weights: [offset[p], offset[p] + count[p]). */
export interface FunderTables {
  cum: Float64Array;
  ids: Int32Array;
  readonly offset: Int32Array;
  readonly count: Int32Array;
  /** Funders already offered the current application. */
  readonly tried: Int32Array;
  triedCount: number;
}

export function createFunderTables(platforms: number, maxOffers: number): FunderTables {
  return {
    cum: new Float64Array(64), ids: new Int32Array(64), offset: new Int32Array(platforms),
    count: new Int32Array(platforms), tried: new Int32Array(maxOffers), triedCount: 0,
  };
}

/**
 * What platform p expects from funder b, as a routing weight before capacity: the funder's record
 * of accepting (accepted + 1) / (offered + 2), times exp(-power x (required return - the cheapest
 * funder's) / temperature): the platform's share of a loan's surplus falls by its bargaining power
 * times every point of the funder's required return.
 */
export function routingWeight(m: Market, b: number, p: number): number {
  const k = b * m.platforms.count + p;
  const record = (m.pairAccepted[k]! + 1) / (m.pairOffered[k]! + 2);
  const power = m.platforms.bargainingPower[p]!;
  return record * Math.exp((-power * (m.funderReturn[b]! - m.minFunderCost)) / m.routingTemperature);
}

/** Whether bank b takes new internet loans at all: it lends and its capital is above its floor. */
export function fundsNewLoans(m: Market, b: number): boolean {
  return m.banks.lending[b] === 1 && m.banks.capital[b]! >= m.banks.capitalFloor[b]!;
}

/**
 * Rebuild every platform's funder weights from the state at the start of the month, the
 * funder return each platform prices off this month: its funders' average, weighted as routed
 * (the scenario's reference where it has none), and its bargaining power: with
 * platforms.powerHalfFunders = h > 0, the tier's power x n / (n + h), n the funders with room that
 * lend (a Nash split whose disagreement point worsens as the platform's outside options, other
 * funders, run out: the bank takes more of the surplus, and the platform's funding costs more).
 */
export function loadFunderTables(f: FunderTables, m: Market, referenceReturn: number): void {
  const pl = m.platforms;
  const banks = m.banks;
  const P = pl.count;
  const halfFunders = m.scenario.platforms.powerHalfFunders;
  let links = 0;
  for (let p = 0; p < P; p++) links += pl.funders[p]!.length;
  if (f.cum.length < links) {
    f.cum = new Float64Array(links * 2);
    f.ids = new Int32Array(links * 2);
  }
  let k = 0;
  for (let p = 0; p < P; p++) {
    f.offset[p] = k;
    const funders = pl.funders[p]!;
    let total = 0;
    let returnSum = 0;
    for (let j = 0; j < funders.length; j++) {
      const b = funders[j]!;
      if (!fundsNewLoans(m, b)) continue;
      const pairSpare = 1 - m.pairBook[b * P + p]! / banks.perPartnerCap[b]!;
      const bookSpare = 1 - banks.outstanding[b]! / banks.bookCap[b]!;
      const spare = pairSpare < bookSpare ? pairSpare : bookSpare;
      if (spare <= 0) continue;
      const w = routingWeight(m, b, p) * spare;
      total += w;
      returnSum += w * m.funderReturn[b]!;
      f.cum[k] = total;
      f.ids[k++] = b;
    }
    f.count[p] = k - f.offset[p]!;
    // Funding follows the funders' supply: a platform few banks will fund has little to bargain with.
    if (halfFunders > 0) pl.bargainingPower[p] = (pl.basePower[p]! * f.count[p]!) / (f.count[p]! + halfFunders);
    for (let j = f.offset[p]!; j < k; j++) f.cum[j] = f.cum[j]! / total;
    pl.funderReturn[p] = total > 0 ? returnSum / total : referenceReturn;
  }
}

/** Start offering a new application. */
export function resetOffers(f: FunderTables): void {
  f.triedCount = 0;
}

/**
 * The next funder of platform p to offer the application to, drawn by weight among those not yet
 * offered it; -1 when the platform gives up (all offered, or maxOffers reached).
 */
export function nextFunder(f: FunderTables, p: number, u: Uniform): number {
  const n = f.count[p]!;
  if (f.triedCount >= n || f.triedCount >= f.tried.length) return -1;
  const off = f.offset[p]!;
  for (let attempt = 0; attempt < 32; attempt++) {
    const x = u();
    let lo = off;
    let hi = off + n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (f.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const b = f.ids[lo]!;
    let seen = false;
    for (let j = 0; j < f.triedCount; j++) if (f.tried[j] === b) seen = true;
    if (!seen) {
      f.tried[f.triedCount++] = b;
      return b;
    }
  }
  return -1;
}
