/**
 * Partner selection (sim/policies, sim/market/partners.ts): what a partnership is worth to a bank
 * (evaluate.ts, on the same chain as lending), the two-sided partnering rule, and each policy's
 * semantics, on a small built market burnt in under the before regime.
 */
import { describe, expect, it } from 'vitest';
import { buildMarket } from '../../sim/model/build.js';
import { stepMonth } from '../../sim/model/month.js';
import { createTally } from '../../sim/model/tally.js';
import { regimeView } from '../../sim/market/regime.js';
import { dropPartner, funderCost, proposePartner } from '../../sim/market/partners.js';
import { annualListCost, partnerValue } from '../../sim/policies/evaluate.js';
import { balanceYears, newQuote, newSplit } from '../../sim/market/chain.js';
import { decide, quote } from '../../sim/market/application.js';
import { canGuarantee } from '../../sim/market/guarantees.js';
import { routingWeight } from '../../sim/market/waterfall.js';
import { policyFor } from '../../sim/policies/index.js';
import { annualFixedCost, applySelection, leaveIfUnviable } from '../../sim/policies/select.js';
import { smallScenario } from '../model/helpers.js';

function settled(seed = 0) {
  const s = smallScenario();
  const m = buildMarket(s, seed);
  const policies = Array.from({ length: m.banks.count }, (_, b) => policyFor(m.banks.policy[b]!));
  const before = regimeView('before', s.regimes.before, m.scale);
  const after = regimeView('after', s.regimes.after, m.scale);
  const tally = createTally(m);
  for (let t = -6; t < 0; t++) stepMonth(m, t, before, policies, 0, tally);
  return { s, m, before, after, policies };
}

/** A listed partner of some bank of type `type` (0 large ... 4 internet) whose value is positive. */
function valuedPair(m: ReturnType<typeof settled>['m'], r: ReturnType<typeof settled>['before']) {
  for (let b = 0; b < m.banks.count; b++) {
    for (const p of m.banks.partners[b]!) if (partnerValue(m, r, b, p) > 0) return { b, p };
  }
  throw new Error('no valuable partnership in the settled market');
}

describe('what a partnership is worth', () => {
  it('is 12 x the bank\'s part of the surplus on the sampled loans it would take x the flow each stands for x its routing share x the room its caps leave x balance-years, minus the list cost', () => {
    const { m, before } = settled();
    const { b, p } = valuedPair(m, before);
    const pl = m.platforms;
    const smp = m.samples[p]!.ready;
    const n = Math.min(smp.seen, m.samples[p]!.size);
    const q = newQuote();
    const split = newSplit();
    let surplus = 0;
    let accepted = 0;
    for (let j = 0; j < n; j++) {
      const covered = canGuarantee(before, pl, p, smp.principal[j]!);
      if (!quote(q, m, before, p, smp.segment[j]!, smp.pdHat[j]!, smp.principal[j]!, covered)) continue;
      if (q.comprehensive > smp.reservationApr[j]!) continue;
      // Before the rule the bank takes the platform's score (no own risk control: no draw).
      if (!decide(m, q, split, b, p, smp.pdHat[j]!, covered)) continue;
      surplus += (1 - pl.bargainingPower[p]!) * split.surplus * smp.principal[j]!;
      accepted += smp.principal[j]!;
    }
    let total = 0;
    for (const f of pl.funders[p]!) total += routingWeight(m, f, p);
    if (!pl.funders[p]!.includes(b)) total += routingWeight(m, b, p);
    const share = routingWeight(m, b, p) / total;
    const flow = smp.seen / n;
    const term = m.termMonths;
    const listCost = 12 * before.listCostPerPartner * m.banks.listCostMultiplier[b]!;
    const uncapped = 12 * surplus * flow * share * balanceYears(term);
    expect(partnerValue(m, before, b, p)).toBeCloseTo(uncapped - listCost, 6);
    // The per-partner cap binds at a tenth of the steady book the flow would build: the value scales by it.
    const steadyBook = (accepted * flow * share * (term + 1)) / 2;
    m.banks.perPartnerCap[b] = steadyBook / 10;
    expect(partnerValue(m, before, b, p)).toBeCloseTo(uncapped / 10 - listCost, 6);
    // No room at all under the internet-book cap: worth only minus its list cost.
    m.banks.bookCap[b] = m.banks.outstanding[b]! - m.pairBook[b * pl.count + p]!;
    expect(partnerValue(m, before, b, p)).toBeCloseTo(-listCost, 9);
    // An inactive platform is worth minus its list cost.
    pl.active[p] = 0;
    expect(partnerValue(m, before, b, p)).toBe(-listCost);
  });

  it('an inactive platform, or one with no applications, is worth minus its list cost', () => {
    const { m, before } = settled();
    const b = 0;
    const p = m.platforms.count - 1;
    m.platforms.active[p] = 0;
    expect(partnerValue(m, before, b, p)).toBe(-annualListCost(m, before, b));
    m.platforms.active[p] = 1;
    m.samples[p]!.ready.seen = 0;
    expect(partnerValue(m, before, b, p)).toBe(-annualListCost(m, before, b));
    expect(annualListCost(m, before, b)).toBeCloseTo(12 * before.listCostPerPartner * m.banks.listCostMultiplier[b]!, 9);
  });

  it('rises when the bank\'s funding gets cheaper and falls with the list cost, one for one', () => {
    const { m, before } = settled();
    const { b, p } = valuedPair(m, before);
    const v0 = partnerValue(m, before, b, p);
    m.banks.fundingCost[b] = m.banks.fundingCost[b]! - 0.01;
    const v1 = partnerValue(m, before, b, p);
    expect(v1).toBeGreaterThan(v0);
    const dearer = { ...before, listCostPerPartner: before.listCostPerPartner + 1000 };
    expect(partnerValue(m, dearer, b, p)).toBeCloseTo(v1 - 12 * 1000 * m.banks.listCostMultiplier[b]!, 6);
  });

  it('is smaller for a bank that keeps less of the surplus', () => {
    const { m, before } = settled();
    const { b, p } = valuedPair(m, before);
    const v0 = partnerValue(m, before, b, p) + annualListCost(m, before, b);
    m.platforms.bargainingPower[p] = Math.min(1, m.platforms.bargainingPower[p]! + 0.2);
    const v1 = partnerValue(m, before, b, p) + annualListCost(m, before, b);
    expect(v1).toBeLessThan(v0);
  });
});

describe('partnering', () => {
  it('a full platform takes a cheaper funder in place of its dearest, and refuses a dearer one', () => {
    const { m } = settled();
    const p = 0;
    const funders = m.platforms.funders[p]!;
    m.platforms.maxFunders[p] = funders.length;
    let dearest = funders[0]!;
    for (const f of funders) if (funderCost(m, f) > funderCost(m, dearest)) dearest = f;
    const outsider = Array.from({ length: m.banks.count }, (_, b) => b).find((b) => !funders.includes(b))!;
    m.banks.fundingCost[outsider] = funderCost(m, dearest) - m.banks.hurdle[outsider]! + 0.01; // dearer than the dearest
    expect(proposePartner(m, outsider, p)).toBe(false);
    m.banks.fundingCost[outsider] = 0; // cheaper than anyone
    expect(proposePartner(m, outsider, p)).toBe(true);
    expect(m.platforms.funders[p]).toContain(outsider);
    expect(m.platforms.funders[p]).not.toContain(dearest);
    expect(m.link[dearest * m.platforms.count + p]).toBe(0);
    expect(m.banks.partners[dearest]).not.toContain(p);
  });

  it('dropping a partner clears both sides; selection keeps what it is told and adds up to the limit', () => {
    const { m } = settled();
    const b = m.banks.named[0]!;
    const listed = [...m.banks.partners[b]!];
    expect(listed.length).toBeGreaterThan(2);
    dropPartner(m, b, listed[0]!);
    expect(m.platforms.funders[listed[0]!]).not.toContain(b);
    applySelection(m, b, [{ platform: listed[1]!, value: 1 }], [], 5);
    expect(m.banks.partners[b]).toEqual([listed[1]]);
  });

  it('a bank whose partners cannot pay its fixed costs leaves the business', () => {
    const { m, after } = settled();
    const b = 0;
    expect(m.banks.partners[b]!.length).toBeGreaterThan(0);
    const fixed = annualFixedCost(m, after, b);
    expect(fixed).toBeCloseTo(12 * m.banks.riskControlCost[b]!, 6);
    expect(leaveIfUnviable(m, after, b, fixed + 1)).toBe(false);
    expect(leaveIfUnviable(m, after, b, fixed - 1)).toBe(true);
    expect(m.banks.partners[b]).toEqual([]);
  });
});

describe('policies', () => {
  it('exit drops every partner at the rule start and never lists again; runoff stops lending; static never changes', () => {
    const { m, after } = settled();
    const ctx = { market: m, regime: after, month: 6 };
    const [b0, b1, b2] = [0, 1, 2];
    const exit = policyFor({ kind: 'exit' });
    exit.onRuleStart(ctx, b0);
    expect(m.banks.partners[b0]).toEqual([]);
    expect(m.banks.lending[b0]).toBe(0);
    exit.review(ctx, b0);
    expect(m.banks.partners[b0]).toEqual([]);
    const runoff = policyFor({ kind: 'runoff' });
    const kept = [...m.banks.partners[b1]!];
    runoff.onRuleStart(ctx, b1);
    expect(m.banks.lending[b1]).toBe(0);
    runoff.review(ctx, b1);
    expect(m.banks.partners[b1]).toEqual(kept);
    const stat = policyFor({ kind: 'static' });
    const list = [...m.banks.partners[b2]!];
    stat.onRuleStart(ctx, b2);
    stat.review(ctx, b2);
    expect(m.banks.partners[b2]).toEqual(list);
  });

  it('topK keeps at most K partners, the most valuable', () => {
    const { m, before } = settled();
    const b = m.banks.named[0]!;
    const k = 3;
    policyFor({ kind: 'topK', k }).review({ market: m, regime: before, month: 0 }, b);
    expect(m.banks.partners[b]!.length).toBeLessThanOrEqual(k);
  });

  it('topK keeps exactly the K most valuable of its listed and sampled platforms: a better unlisted one displaces the worst listed, an inactive one never stays', () => {
    const { m, before } = settled();
    const P = m.platforms.count;
    const valueOf = (b: number, p: number) => partnerValue(m, before, b, p);
    // A bank with an unlisted active platform worth more than its least valuable listed partner.
    let found: { b: number; listed: number[]; ranked: number[] } | undefined;
    for (let b = 0; b < m.banks.count && !found; b++) {
      const listed = [...m.banks.partners[b]!];
      if (listed.length < 3) continue;
      const all = Array.from({ length: P }, (_, p) => p).filter((p) => m.platforms.active[p] === 1);
      const ranked = all.sort((x, y) => valueOf(b, y) - valueOf(b, x) || x - y);
      const k = listed.length;
      if (ranked.slice(0, k).some((p) => !listed.includes(p))) found = { b, listed, ranked };
    }
    expect(found).toBeDefined();
    const { b, listed, ranked } = found!;
    const k = listed.length;
    m.banks.candidates[b] = P; // every unlisted active platform is sampled
    policyFor({ kind: 'topK', k }).review({ market: m, regime: before, month: 0 }, b);
    const best = ranked.slice(0, k);
    // The listed ones outside the best K are dropped; those inside stay.
    for (const p of listed) expect(m.banks.partners[b]!.includes(p), `platform ${p}`).toBe(best.includes(p));
    expect(m.banks.partners[b]!.length).toBeLessThanOrEqual(k);
    // An inactive partner is dropped even when K would leave room for it.
    const kept = [...m.banks.partners[b]!];
    m.platforms.active[kept[0]!] = 0;
    m.banks.candidates[b] = 0;
    policyFor({ kind: 'topK', k: kept.length }).review({ market: m, regime: before, month: 0 }, b);
    expect([...m.banks.partners[b]!].sort((x, y) => x - y)).toEqual(kept.slice(1).sort((x, y) => x - y));
    // A regime limit below K binds: the best 2.
    const two = kept.slice(1).sort((x, y) => valueOf(b, y) - valueOf(b, x) || x - y).slice(0, 2);
    policyFor({ kind: 'topK', k: 5 }).review({ market: m, regime: { ...before, maxPartnersPerBank: 2 }, month: 0 }, b);
    expect([...m.banks.partners[b]!].sort((x, y) => x - y)).toEqual(two.sort((x, y) => x - y));
  });

  it('optimize keeps exactly the listed partners that pay their list cost; above its NPL firewall it adds none and cuts the one whose borne losses ran worst', () => {
    const { m, before } = settled();
    const P = m.platforms.count;
    let b = 0;
    for (let x = 0; x < m.banks.count; x++) if (m.banks.partners[x]!.length > m.banks.partners[b]!.length) b = x;
    const listed = [...m.banks.partners[b]!];
    const paying = listed.filter((p) => partnerValue(m, before, b, p) >= 0);
    expect(paying.length).toBeGreaterThan(2);
    // Above the firewall: the partner with the highest borne loss per unit of book is cut.
    const worst = paying[1]!;
    for (const p of listed) m.pairBorneLoss[b * P + p] = 0;
    m.pairBorneLoss[b * P + worst] = 10 * m.lossPrior;
    m.banks.aboveFirewall[b] = 1;
    m.banks.candidates[b] = 5;
    policyFor({ kind: 'optimize' }).review({ market: m, regime: before, month: 0 }, b);
    expect([...m.banks.partners[b]!].sort((x, y) => x - y)).toEqual(paying.filter((p) => p !== worst).sort((x, y) => x - y));
  });

  it('optimize drops a partner that is worth less than its list cost', () => {
    const { m, before } = settled();
    const b = m.banks.named[0]!;
    const pricey = { ...before, listCostPerPartner: 1e12 };
    policyFor({ kind: 'optimize' }).review({ market: m, regime: pricey, month: 0 }, b);
    expect(m.banks.partners[b]).toEqual([]);
  });
});
