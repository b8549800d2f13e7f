/** `topK`: keep the K best partners by expected profit among the listed and a few sampled others. */
import type { PartnerPolicy } from './policy.js';
import { applySelection, valueOptions } from './select.js';

export function topK(k: number): PartnerPolicy {
  return {
    onRuleStart() {},
    review(ctx, b) {
      const m = ctx.market;
      const { listed, candidates } = valueOptions(m, ctx.regime, b);
      const limit = Math.min(k, ctx.regime.maxPartnersPerBank);
      const best = [...listed, ...candidates]
        .filter((v) => m.platforms.active[v.platform] === 1)
        .sort((x, y) => y.value - x.value || x.platform - y.platform)
        .slice(0, limit);
      const listedSet = new Set(m.banks.partners[b]);
      applySelection(m, b, best.filter((v) => listedSet.has(v.platform)), best.filter((v) => !listedSet.has(v.platform)), limit);
    },
  };
}
