/**
 * `exit` (Urumqi, Ganzhou): reviews like `optimize` until the rule starts, then drops every partner
 * and never lists one again; its stock runs off.
 */
import { dropAllPartners } from '../market/partners.js';
import type { PartnerPolicy } from './policy.js';
import { reviewOptimize } from './optimize.js';

export const exit: PartnerPolicy = {
  onRuleStart(ctx, b) {
    dropAllPartners(ctx.market, b);
    ctx.market.banks.exited[b] = 1;
    ctx.market.banks.lending[b] = 0;
  },
  review(ctx, b) {
    if (ctx.market.banks.exited[b] === 0) reviewOptimize(ctx, b);
  },
};
