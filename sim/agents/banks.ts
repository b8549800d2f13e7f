/**
 * Banks of five types as parallel arrays indexed by bank id; generic banks of each type first, then
 * the named banks of the scenario (reported one by one). Money in simulated units.
 */
import type { BankType, BankTypeParams, PolicySpec, Scenario } from '../scenario/schema.js';
import { BANK_TYPES } from '../scenario/schema.js';

export interface Banks {
  readonly count: number;
  readonly type: Uint8Array;
  readonly fundingCost: Float64Array;
  /** Tier-1 net capital: moves with the internet business's realized profit and loss. */
  readonly capital: Float64Array;
  /** Starting capital: profits above it are paid out. */
  readonly capitalTarget: Float64Array;
  /** Capital below which the bank stops new internet lending. */
  readonly capitalFloor: Float64Array;
  /** Most internet (joint) book: jointLendingShareCap x loansToCapital x capital (2021 rule). */
  readonly bookCap: Float64Array;
  /** Loans-to-capital x joint-lending share: bookCap per unit of capital. */
  readonly bookCapPerCapital: Float64Array;
  /** Most book with any one platform (capital x perPartnerCapShare). */
  readonly perPartnerCap: Float64Array;
  readonly perPartnerCapShare: Float64Array;
  /** NPL firewall on the lagged internet-book NPL ratio. */
  readonly nplFirewall: Float64Array;
  /** 1 while the lagged NPL ratio is above the firewall. */
  readonly aboveFirewall: Uint8Array;
  /** Lagged NPL ratio of the balance the bank bears (non-performing borne now / outstanding 12
   * months ago): what its firewall watches; NaN without a book then. */
  readonly nplLagged: Float64Array;
  /** Outstanding balance 12 months ago (0 in the first year). */
  readonly outstandingYearAgo: Float64Array;
  /** Outstanding balance at each of the last 12 month ends, [b * 12 + month % 12]. */
  readonly outstandingHistory: Float64Array;
  readonly sigma: Float64Array;
  /** Risk appetite: most estimated annual pd accepted. */
  readonly maxPd: Float64Array;
  /** Risk appetite in force: maxPd, tightened while the bank is above its NPL firewall. */
  readonly appetite: Float64Array;
  readonly hurdle: Float64Array;
  readonly reviewMonths: Int32Array;
  /** Reviews fall in months where (month + offset) % reviewMonths == 0 (staggered). */
  readonly reviewOffset: Int32Array;
  readonly candidates: Int32Array;
  readonly riskControlCost: Float64Array;
  readonly listCostMultiplier: Float64Array;
  readonly initialPartners: Int32Array;
  readonly policy: PolicySpec[];
  readonly id: string[];
  readonly name: string[];
  /** Index of each named bank, in the scenario's order. */
  readonly named: number[];
  /** 0 once a policy stops new lending (runoff). */
  readonly lending: Uint8Array;
  /** 1 once a policy has left the business for good (exit). */
  readonly exited: Uint8Array;
  /** Listed partners per bank (platform ids). */
  readonly partners: number[][];
  /** Outstanding balance, performing and non-performing. */
  readonly outstanding: Float64Array;
  readonly nonPerforming: Float64Array;
  /** Of the non-performing balance, the part whose loss the bank bears (a guarantee pays the rest:
   * guaranteed loans are compensated, as the bank reports them). */
  readonly nonPerformingBorne: Float64Array;
  readonly originated: Float64Array;
  readonly repaid: Float64Array;
  readonly writtenOff: Float64Array;
  readonly lossesBorne: Float64Array;
  /** This month's profit and loss: interest - revenue share - funding (performing and
   * non-performing balances) - losses borne - list and risk-control costs. */
  readonly pnlMonth: Float64Array;
  /** Profit paid out this month (capital above its target). */
  readonly dividendMonth: Float64Array;
}

/** Bank types in BANK_TYPES order: index <-> name. */
export const typeIndex = (t: BankType): number => BANK_TYPES.indexOf(t);

/** Build every bank of the scenario. `scale` converts real money into simulated money. */
export function createBanks(scenario: Scenario, scale: number): Banks {
  const rows: { id: string; name: string; type: BankType; p: Omit<BankTypeParams, 'count'> }[] = [];
  for (const t of BANK_TYPES) {
    const { count, ...p } = scenario.banks.types[t];
    for (let j = 0; j < count; j++) rows.push({ id: `${t}-${j + 1}`, name: `${t} bank ${j + 1}`, type: t, p });
  }
  const named: number[] = [];
  for (const [id, nb] of Object.entries(scenario.banks.named)) {
    if (!nb.enabled) continue;
    const { count: _count, ...base } = scenario.banks.types[nb.type];
    const p = { ...base };
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      const v = nb[key];
      if (v !== undefined) (p as Record<string, unknown>)[key] = v;
    }
    named.push(rows.length);
    rows.push({ id, name: nb.name, type: nb.type, p });
  }
  const n = rows.length;
  const f64 = () => new Float64Array(n);
  const i32 = () => new Int32Array(n);
  const b: Banks = {
    count: n, type: new Uint8Array(n), fundingCost: f64(), capital: f64(), capitalTarget: f64(), capitalFloor: f64(),
    bookCap: f64(), bookCapPerCapital: f64(), perPartnerCap: f64(), perPartnerCapShare: f64(), nplFirewall: f64(),
    aboveFirewall: new Uint8Array(n), nplLagged: f64().fill(NaN), outstandingHistory: new Float64Array(n * 12), outstandingYearAgo: f64(),
    sigma: f64(), maxPd: f64(), appetite: f64(), hurdle: f64(), reviewMonths: i32(), reviewOffset: i32(), candidates: i32(), riskControlCost: f64(),
    listCostMultiplier: f64(), initialPartners: i32(), policy: [], id: [], name: [], named,
    lending: new Uint8Array(n).fill(1), exited: new Uint8Array(n), partners: Array.from({ length: n }, () => []),
    outstanding: f64(), nonPerforming: f64(), nonPerformingBorne: f64(), originated: f64(), repaid: f64(), writtenOff: f64(), lossesBorne: f64(),
    pnlMonth: f64(), dividendMonth: f64(),
  };
  rows.forEach((r, i) => {
    b.type[i] = typeIndex(r.type);
    b.fundingCost[i] = r.p.fundingCostAnnual;
    b.capital[i] = r.p.capital * scale;
    b.capitalTarget[i] = b.capital[i]!;
    b.capitalFloor[i] = b.capital[i]! * scenario.banks.capitalFloorShare;
    b.bookCapPerCapital[i] = scenario.banks.jointLendingShareCap * r.p.loansToCapital;
    b.perPartnerCapShare[i] = r.p.perPartnerCapShare;
    b.nplFirewall[i] = r.p.nplFirewall;
    setCaps(b, i);
    b.sigma[i] = r.p.sigma;
    b.maxPd[i] = r.p.maxPdAnnual;
    b.appetite[i] = r.p.maxPdAnnual;
    b.hurdle[i] = r.p.hurdleAnnual;
    b.reviewMonths[i] = r.p.reviewMonths;
    b.reviewOffset[i] = i % r.p.reviewMonths;
    b.candidates[i] = r.p.candidatesPerReview;
    b.riskControlCost[i] = r.p.riskControlCostMonthly * scale;
    b.listCostMultiplier[i] = r.p.listCostMultiplier;
    b.initialPartners[i] = r.p.initialPartners;
    b.policy.push(r.p.policy);
    b.id.push(r.id);
    b.name.push(r.name);
  });
  return b;
}

/** The book caps follow capital: the internet book and the book with any one partner. */
export function setCaps(b: Banks, i: number): void {
  b.bookCap[i] = b.capital[i]! * b.bookCapPerCapital[i]!;
  b.perPartnerCap[i] = b.capital[i]! * b.perPartnerCapShare[i]!;
}
