/**
 * A regime (DESIGN.md table) turned into the numbers the month reads, in simulated money. Built once
 * per regime per run; the engine never re-checks inside a loop.
 */
import type { GuaranteeKind, Regime } from '../scenario/schema.js';

export const GUARANTEE_HIDDEN = 0;
export const GUARANTEE_LICENSED = 1;
export const GUARANTEE_NONE = 2;
const kindCode: Record<GuaranteeKind, number> = { hidden: GUARANTEE_HIDDEN, licensed: GUARANTEE_LICENSED, none: GUARANTEE_NONE };

/** Licensed financing guarantors may guarantee at most this multiple of their capital. */
export const LICENSED_LEVERAGE = 10;

export interface RegimeView {
  /** The regime's name in the scenario (`before`, `after`, or a further one of the timeline). */
  readonly name: string;
  /** Cap on the nominal rate plus the fees the regime counts; Infinity when none. */
  readonly comprehensiveCap: number;
  readonly nominalCap: number;
  readonly outerCap: number;
  readonly feesInsideCap: boolean;
  readonly guarantees: number;
  readonly ownRiskControl: boolean;
  /** Monthly cost of one listed partner, simulated money. */
  readonly listCostPerPartner: number;
  readonly maxPartnersPerBank: number;
  readonly bureauVisibility: number;
  /** Multiplies the grey market's take-up. */
  readonly greyAccess: number;
  /** Share of the fees a cap squeezes out that survives outside it (where fees count inside the cap). */
  readonly feeEvasion: number;
}

export function regimeView(name: string, r: Regime, scale: number): RegimeView {
  return {
    name,
    comprehensiveCap: r.comprehensiveCap ?? Infinity,
    nominalCap: r.nominalCap,
    outerCap: r.outerCap,
    feesInsideCap: r.feesInsideCap,
    guarantees: kindCode[r.guarantees],
    ownRiskControl: r.ownRiskControl,
    listCostPerPartner: r.listCostPerPartner * scale,
    maxPartnersPerBank: r.maxPartnersPerBank ?? Infinity,
    bureauVisibility: r.bureauVisibility,
    greyAccess: r.greyAccess,
    feeEvasion: r.feeEvasion,
  };
}
