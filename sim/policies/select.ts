/** Shared steps of the reviewing policies: sampling candidates, ranking, bank-level viability. */
import type { Market } from '../model/market.js';
import type { RegimeView } from '../market/regime.js';
import { dropAllPartners, dropPartner, proposePartner } from '../market/partners.js';
import { partnerValue } from './evaluate.js';

export interface Valued {
  platform: number;
  value: number;
}

/** `count` distinct active platforms not on bank b's list, sampled uniformly (review stream). */
export function sampleCandidates(m: Market, b: number, count: number): number[] {
  const P = m.platforms.count;
  const pool: number[] = [];
  for (let p = 0; p < P; p++) if (m.platforms.active[p] === 1 && m.link[b * P + p] === 0) pool.push(p);
  const out: number[] = [];
  for (let i = 0; i < count && pool.length > 0; i++) {
    const j = Math.floor(m.rng.review() * pool.length);
    out.push(pool[j]!);
    pool[j] = pool[pool.length - 1]!;
    pool.pop();
  }
  return out;
}

/** Value every listed partner and `candidates` sampled others; best first. */
export function valueOptions(m: Market, r: RegimeView, b: number): { listed: Valued[]; candidates: Valued[] } {
  const listed = m.banks.partners[b]!.map((p) => ({ platform: p, value: partnerValue(m, r, b, p) }));
  const candidates = sampleCandidates(m, b, m.banks.candidates[b]!).map((p) => ({ platform: p, value: partnerValue(m, r, b, p) }));
  const byValue = (x: Valued, y: Valued) => y.value - x.value || x.platform - y.platform;
  listed.sort(byValue);
  candidates.sort(byValue);
  return { listed, candidates };
}

/**
 * The NPL firewall (DESIGN v2): a bank above it takes on no new partner and cuts, of those it
 * would keep, the one whose losses it bore itself ran worst (recent losses net of guarantee
 * payouts, per unit of its book with the platform; a prior of a few typical defaults keeps a
 * small book from ranking on one default). @returns the partners to keep.
 */
export function firewallCut(m: Market, b: number, keep: Valued[]): Valued[] {
  if (m.banks.aboveFirewall[b] === 0 || keep.length === 0) return keep;
  const P = m.platforms.count;
  let worst = -1;
  let worstFactor = -Infinity;
  keep.forEach((v, j) => {
    const k = b * P + v.platform;
    const factor = m.pairBorneLoss[k]! / (m.pairBook[k]! + m.lossPrior);
    if (factor > worstFactor) {
      worstFactor = factor;
      worst = j;
    }
  });
  return keep.filter((_, j) => j !== worst);
}

/** Annual fixed cost of running the business at all: own risk control where the regime requires it. */
export function annualFixedCost(m: Market, r: RegimeView, b: number): number {
  return r.ownRiskControl ? 12 * m.banks.riskControlCost[b]! : 0;
}

/** Apply a chosen partner set: drop listed ones not kept, propose the new ones in order. */
export function applySelection(m: Market, b: number, keep: Valued[], add: Valued[], limit: number): void {
  const keepSet = new Set(keep.map((v) => v.platform));
  for (const p of [...m.banks.partners[b]!]) if (!keepSet.has(p)) dropPartner(m, b, p);
  for (const v of add) {
    if (m.banks.partners[b]!.length >= limit) break;
    proposePartner(m, b, v.platform);
  }
}

/**
 * Leave the business when the partners' expected profit cannot pay its fixed cost. @returns true if
 * the bank dropped every partner.
 */
export function leaveIfUnviable(m: Market, r: RegimeView, b: number, totalValue: number): boolean {
  if (m.banks.partners[b]!.length === 0) return false;
  if (totalValue >= annualFixedCost(m, r, b)) return false;
  dropAllPartners(m, b);
  return true;
}
