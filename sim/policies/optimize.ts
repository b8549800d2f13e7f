/**
 * `optimize`: the review of DESIGN.md. Drop listed partners whose expected profit does not cover
 * their list cost; value a few sampled unlisted platforms and propose those that would; leave the
 * business altogether when the partners' expected profit cannot pay the fixed cost of own risk
 * control. The regime's maxPartnersPerBank keeps the best. A bank above its NPL firewall adds no
 * partner and cuts the one whose losses ran worst.
 */
import type { PartnerPolicy, PolicyContext } from './policy.js';
import { annualFixedCost, applySelection, firewallCut, leaveIfUnviable, valueOptions } from './select.js';

export function reviewOptimize(ctx: PolicyContext, b: number): void {
  const m = ctx.market;
  const r = ctx.regime;
  const { listed, candidates } = valueOptions(m, r, b);
  const limit = r.maxPartnersPerBank;
  const keep = firewallCut(m, b, listed.filter((v) => v.value >= 0 && m.platforms.active[v.platform] === 1).slice(0, limit));
  let add = m.banks.aboveFirewall[b] === 1 ? [] : candidates.filter((v) => v.value > 0);
  const keptValue = keep.reduce((a, v) => a + v.value, 0);
  // A bank out of the business re-enters only when the newcomers pay the fixed cost of doing it.
  if (keep.length === 0 && add.reduce((a, v) => a + v.value, 0) < annualFixedCost(m, r, b)) add = [];
  applySelection(m, b, keep, add, limit);
  const addedValue = add.filter((v) => m.link[b * m.platforms.count + v.platform] === 1).reduce((a, v) => a + v.value, 0);
  leaveIfUnviable(m, r, b, keptValue + addedValue);
}

export const optimize: PartnerPolicy = {
  onRuleStart() {},
  review: reviewOptimize,
};
