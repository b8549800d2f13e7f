/**
 * The funder waterfall: an approved application is offered to the platform's partner banks one
 * after another, in an order drawn for each application and weighted toward cheaper funders
 * (funding cost plus hurdle, through `bankWeight`) and toward spare capacity (under the per-partner
 * cap of 25% of tier-1 capital and the bank's internet-book cap). So a platform spreads its flow
 * instead of handing it all to its cheapest funder, and a bank late in the order sees what others
 * declined.
 */
import type { Market } from '../model/market.js';

/** Scratch space for one application's order (sized to the largest funder list). */
export interface Waterfall {
  weights: Float64Array;
  banks: Int32Array;
  n: number;
  total: number;
}

export function createWaterfall(maxFunders: number): Waterfall {
  return { weights: new Float64Array(maxFunders), banks: new Int32Array(maxFunders), n: 0, total: 0 };
}

/** Load platform p's funders with their weights for a loan of `principal`. */
export function loadFunders(w: Waterfall, m: Market, p: number, principal: number): void {
  const funders = m.platforms.funders[p]!;
  const banks = m.banks;
  const P = m.platforms.count;
  let total = 0;
  let n = 0;
  for (let j = 0; j < funders.length; j++) {
    const b = funders[j]!;
    if (banks.lending[b] === 0) continue;
    const pairSpare = 1 - (m.pairBook[b * P + p]! + principal) / banks.perPartnerCap[b]!;
    const bookSpare = 1 - (banks.outstanding[b]! + principal) / banks.bookCap[b]!;
    const spare = pairSpare < bookSpare ? pairSpare : bookSpare;
    if (spare <= 0) continue;
    const wt = m.bankWeight[b]! * spare;
    w.weights[n] = wt;
    w.banks[n] = b;
    total += wt;
    n++;
  }
  w.n = n;
  w.total = total;
}

/** Draw the next funder (without replacement); -1 when none is left. */
export function nextFunder(w: Waterfall, u: number): number {
  if (w.n === 0 || w.total <= 0) return -1;
  let x = u * w.total;
  let j = 0;
  for (; j < w.n - 1; j++) {
    x -= w.weights[j]!;
    if (x < 0) break;
  }
  const b = w.banks[j]!;
  w.total -= w.weights[j]!;
  w.n--;
  w.weights[j] = w.weights[w.n]!;
  w.banks[j] = w.banks[w.n]!;
  return b;
}
