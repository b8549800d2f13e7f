/**
 * The partner-selection policy interface: a new policy is one module implementing it, registered in
 * policies/index.ts.
 */
import type { Market } from '../model/market.js';
import type { RegimeView } from '../market/regime.js';

export interface PolicyContext {
  readonly market: Market;
  readonly regime: RegimeView;
  /** Reported month (negative during burn-in). */
  readonly month: number;
}

export interface PartnerPolicy {
  /** The rule starts (the timeline's first change; policy arm only, once): regime-start actions such as exit or run-off. */
  onRuleStart(ctx: PolicyContext, bank: number): void;
  /** The bank's review is due this month. */
  review(ctx: PolicyContext, bank: number): void;
}
