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
import { priceLoan, type Quote, newQuote } from '../market/pricing.js';
import { estimatePd } from '../market/scoring.js';
import { lossCalibration } from '../market/acceptance.js';

const q: Quote = newQuote();


/** Annual cost of keeping one partner listed, simulated money. */
export function annualListCost(m: Market, r: RegimeView, b: number): number {
  return 12 * r.listCostPerPartner * m.banks.listCostMultiplier[b]!;
}

/**
 * Expected annual profit (simulated money) bank b makes from platform p, after the list cost.
 * Draws the bank's own score noise from the review stream.
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
  const calib = lossCalibration(m.pairRealizedLoss[k]!, m.pairExpectedLoss[k]!, m.lossPrior);
  const lgd = m.pricing.lgd;
  const funding = banks.fundingCost[b]!;
  const hurdle = banks.hurdle[b]!;
  const take = pl.take[p]!;
  const tech = pl.techFee[p]!;
  const sigma = banks.sigma[b]!;
  const maxPd = banks.maxPd[b]!;
  let surplus = 0;
  let accepted = 0;
  for (let j = 0; j < n; j++) {
    const principal = s.principal[j]!;
    const covered = canGuarantee(r, pl, p, principal);
    if (!priceLoan(q, r, m.pricing, take, tech, pl.hiddenFee[p]!, s.pdHat[j]!, covered)) continue;
    if (q.comprehensive > s.reservationApr[j]!) continue;
    let pd = s.pdHat[j]!;
    if (r.ownRiskControl) {
      const seg = s.segment[j]!;
      const sh = (b * 3 + seg) * 2;
      pd = estimatePd(s.logitPd[j]! + sigma * m.rng.reviewNormal(), m.segments.logitPdMedian[seg]!, m.bankShrink[sh]!, m.bankShrink[sh + 1]!, s.shift[j]!);
    }
    const el = covered ? 0 : pd * lgd * calib;
    const margin = q.nominal - funding - take - tech - el;
    if (margin >= hurdle && pd <= maxPd) {
      surplus += (margin - hurdle) * principal;
      accepted += principal;
    }
  }
  if (accepted === 0) return -listCost;
  // The bank's share of the flow: its routing weight among the platform's funders (with it).
  const own = m.bankWeight[b]!;
  let total = own;
  for (const f of pl.funders[p]!) if (f !== b) total += m.bankWeight[f]!;
  const share = own / total;
  const flowScale = s.seen / n; // each sampled application stands for this many of the month
  const term = m.scenario.borrowers.termMonths;
  // An amortizing loan's balance averages about (term + 1) / (2 term) of its principal over its life.
  const balancePerPrincipal = (term + 1) / 2 / 12; // balance-years per unit of principal
  // Capacity: the book this flow would build is bounded by the per-partner cap and by the room
  // left under the bank's internet-book cap once its other partners' books are counted.
  const steadyBook = (accepted * flowScale * share * (term + 1)) / 2;
  const room = banks.bookCap[b]! - (banks.outstanding[b]! - m.pairBook[k]!);
  const cap = Math.max(0, Math.min(banks.perPartnerCap[b]!, room));
  const capShare = steadyBook > cap ? cap / steadyBook : 1;
  return 12 * surplus * flowScale * share * capShare * balancePerPrincipal - listCost;
}
