/**
 * What a partnership is worth to a bank, looking forward: the platform's recent applications
 * (its sample) re-priced under the regime in force with the bank's own costs, its own risk model
 * where the regime requires one, and what it has learned of that platform's realized losses; the
 * surplus over the hurdle on the loans it would accept, times the share of the platform's flow it
 * would get, minus the cost of keeping the platform on its disclosed list.
 */
import type { Market } from '../model/market.js';
import type { RegimeView } from '../market/regime.js';
import { canGuarantee } from '../market/guarantees.js';
import { balanceYears, newQuote, newSplit } from '../market/chain.js';
import { decide, quote } from '../market/application.js';
import { estimatePd } from '../market/scoring.js';
import { routingWeight } from '../market/waterfall.js';

const q = newQuote();
const split = newSplit();

/** Annual cost of keeping one partner listed, simulated money. */
export function annualListCost(m: Market, r: RegimeView, b: number): number {
  return 12 * r.listCostPerPartner * m.banks.listCostMultiplier[b]!;
}

/**
 * Expected annual profit (simulated money) bank b makes from platform p, after the list cost: the
 * platform's recent applications priced and decided by the same chain as lending (application.ts),
 * under the regime in force, with the bank's own score where the regime requires it; the bank's
 * part of the surplus on the loans it would take, times its share of the platform's flow, capped by
 * its room. Draws the bank's own score noise from the review stream.
 */
export function partnerValue(m: Market, r: RegimeView, b: number, p: number): number {
  const listCost = annualListCost(m, r, b);
  const pl = m.platforms;
  if (pl.active[p] === 0) return -listCost;
  const s = m.samples[p]!.ready;
  const n = Math.min(s.seen, m.samples[p]!.size);
  if (n === 0) return -listCost;
  const banks = m.banks;
  const k = b * pl.count + p;
  const sigma = banks.sigma[b]!;
  const bankPart = 1 - pl.bargainingPower[p]!;
  let surplus = 0;
  let accepted = 0;
  for (let j = 0; j < n; j++) {
    const principal = s.principal[j]!;
    const seg = s.segment[j]!;
    const covered = canGuarantee(r, pl, p, principal);
    if (!quote(q, m, r, p, seg, s.pdHat[j]!, principal, covered)) continue;
    if (q.comprehensive > s.reservationApr[j]!) continue;
    let pd = s.pdHat[j]!;
    if (r.ownRiskControl) {
      const sh = (b * 3 + seg) * 2;
      pd = estimatePd(s.logitPd[j]! + sigma * m.rng.reviewNormal(), m.segments.logitPdMedian[seg]!, m.bankShrink[sh]!, m.bankShrink[sh + 1]!, s.shift[j]!);
    }
    if (!decide(m, q, split, b, p, pd, covered)) continue;
    surplus += bankPart * split.surplus * principal;
    accepted += principal;
  }
  if (accepted === 0) return -listCost;
  // The bank's share of the flow: its routing weight among the platform's funders (with it).
  const own = routingWeight(m, b, p);
  let total = own;
  for (const f of pl.funders[p]!) if (f !== b) total += routingWeight(m, f, p);
  const share = own / total;
  const flowScale = s.seen / n; // each sampled application stands for this many of the month
  const term = m.termMonths;
  // Capacity: the book this flow would build is bounded by the per-partner cap and by the room
  // left under the bank's internet-book cap once its other partners' books are counted.
  const steadyBook = (accepted * flowScale * share * (term + 1)) / 2;
  const room = banks.bookCap[b]! - (banks.outstanding[b]! - m.pairBook[k]!);
  const cap = Math.max(0, Math.min(banks.perPartnerCap[b]!, room));
  const capShare = steadyBook > cap ? cap / steadyBook : 1;
  // A month's loans earn the surplus over their balance-years: 12 months of them a year.
  return 12 * surplus * flowScale * share * capShare * balanceYears(term) - listCost;
}
