/** `static`: never changes its partner list (a counterfactual of inertia). */
import type { PartnerPolicy } from './policy.js';

export const staticPolicy: PartnerPolicy = {
  onRuleStart() {},
  review() {},
};
