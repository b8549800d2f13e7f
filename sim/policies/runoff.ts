/**
 * `runoff` (Guiyang): reviews like `optimize` until the rule starts; from then on makes no new loan
 * and lets its stock amortize. Its list is frozen (entries marked "cooperation stopped"), and such
 * entries are not counted as active links.
 */
import type { PartnerPolicy } from './policy.js';
import { reviewOptimize } from './optimize.js';

export const runoff: PartnerPolicy = {
  onRuleStart(ctx, b) {
    ctx.market.banks.lending[b] = 0;
  },
  review(ctx, b) {
    if (ctx.market.banks.lending[b] === 1) reviewOptimize(ctx, b);
  },
};
