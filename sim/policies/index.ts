/** The registry of partner-selection policies: a scenario's `policy.kind` names one. */
import type { PolicySpec } from '../scenario/schema.js';
import type { PartnerPolicy } from './policy.js';
import { exit } from './exit.js';
import { optimize } from './optimize.js';
import { runoff } from './runoff.js';
import { staticPolicy } from './static.js';
import { topK } from './topK.js';

export type { PartnerPolicy, PolicyContext } from './policy.js';

/** The policy a bank's spec names. */
export function policyFor(spec: PolicySpec): PartnerPolicy {
  switch (spec.kind) {
    case 'optimize': return optimize;
    case 'topK': return topK(spec.k);
    case 'exit': return exit;
    case 'runoff': return runoff;
    case 'static': return staticPolicy;
  }
}
