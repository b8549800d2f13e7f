/**
 * Every per-month metric, declared once (CONTRACT.md, "Metric names"): its name, what it measures
 * (the unit, which sets how the report formats it), whether it is part of the public contract, how
 * a window aggregates it, and what it means. The series layout (a run's row order), the summary,
 * the report's formatting and docs/metrics.md all follow from this table, so a new metric is one
 * entry here plus the code that counts it (metrics.ts). A metric whose month has nothing to measure
 * is NaN there and left out of statistics (its `n` says so).
 */
import { BANK_TYPES, SEGMENTS } from '../scenario/schema.js';

export const MARGIN_PARTS = ['apr', 'funding', 'take', 'techFee', 'losses', 'listCost', 'net'] as const;
export type MarginPart = (typeof MARGIN_PARTS)[number];
/** Platform tiers as metrics name them, by tier index (agents/platforms.ts HEAD, TAIL, WAIST). */
export const TIER_NAMES = ['head', 'tail', 'waist'] as const;

/**
 * What a metric measures: `rate` a fraction (APRs, shares, ratios; shown as percent), `money` in
 * the scenario's currency at real-market scale, `index` a Herfindahl index in 0..1, `count` a number
 * of things (links, platforms, loans per borrower).
 */
export type MetricUnit = 'rate' | 'money' | 'index' | 'count';

export interface MetricDef {
  readonly name: string;
  readonly unit: MetricUnit;
  /** Part of the public contract (CONTRACT.md): users script against it. */
  readonly contract: boolean;
  /** How a window (beforeRule, afterRule, end) aggregates the months of a run: their mean. */
  readonly aggregate: 'mean';
  readonly description: string;
  /** Set while the mechanism that measures it is not built yet: then the metric is NaN (n = 0). */
  readonly pending?: string;
}

function build(): MetricDef[] {
  const out: MetricDef[] = [];
  const add = (name: string, unit: MetricUnit, description: string, extra: { contract?: boolean; pending?: string } = {}) =>
    out.push({ name, unit, contract: extra.contract ?? true, aggregate: 'mean', description, ...(extra.pending ? { pending: extra.pending } : {}) });
  const byType = (name: string, unit: MetricUnit, description: string, what: string) => {
    add(name, unit, description);
    for (const t of BANK_TYPES) add(`${name}.${t}`, unit, `${description} (${what} ${t})`);
  };
  add('links', 'count', 'Active bank-platform partnerships (listed, the platform originates, the bank lends).');
  byType('partnersPerBank', 'count', 'Mean listed active partners per bank', 'banks of type');
  byType('zeroPartnerBankShare', 'rate', 'Share of banks with no active partner', 'banks of type');
  add('headShareOfLinks', 'rate', 'Share of active links that involve head platforms.');
  add('headShareOfVolume', 'rate', 'Share of the month\'s originations made through head platforms.');
  add('platformHHI', 'index', 'Herfindahl index of platforms\' origination shares.');
  add('bankHHI', 'index', 'Herfindahl index of banks\' origination (funding) shares.');
  add('activePlatforms', 'count', 'Platforms that originated at least one loan in the month.');
  add('originations', 'money', 'Principal originated in the month (formal loans).');
  add('outstanding', 'money', 'Banks\' internet book outstanding, performing and non-performing.');
  add('approvalRate', 'rate', 'Loans made / applications.');
  add('exclusionRate', 'rate', 'Borrowers who sought credit in the month and got none / who sought (per seeker-month).');
  for (const s of SEGMENTS) add(`exclusionRate.${s}`, 'rate', `Exclusion rate of ${s} borrowers.`);
  add('aprMean', 'rate', 'Comprehensive APR of new loans, volume-weighted.');
  for (const t of TIER_NAMES) add(`aprMean.${t}`, 'rate', `Comprehensive APR of new loans through ${t} platforms, volume-weighted.`);
  add('aprP90', 'rate', '90th percentile (by volume) of new loans\' comprehensive APR.');
  add('hiddenFeeGap', 'rate', 'Fees the regime does not count toward its cap, per unit of new principal (volume-weighted).');
  add('defaultRate', 'rate', 'Annualized share of borrowers with loans who default.');
  byType('nplRatio', 'rate', 'Non-performing (defaulted, not yet written off) / outstanding', 'banks of type');
  add('meanConcurrentLoans', 'count', 'Mean concurrent loans among borrowers with a loan.');
  add('multiBorrowerShare', 'rate', 'Borrowers with >= 2 concurrent loans / borrowers with a loan.');
  add('multiBorrowerDefaultShare', 'rate', 'Defaults by borrowers with >= 2 concurrent loans / all defaults.');
  add('bankLossShare', 'rate', 'Credit losses borne by banks / all credit losses.');
  for (const b of ['dpd1to30', 'dpd31to60', 'dpd61to90']) add(b, 'rate', `Share of the formal book's balance ${b.slice(3).replace('to', '-')} days past due (its borrower in arrears; over the whole book outstanding).`);
  add('dpd90plus', 'rate', 'Share of the formal book\'s balance 90+ days past due: the non-performing balance (loans in default, not yet written off) / outstanding.');
  add('firstPaymentDefault', 'rate', 'Share of the loans whose first instalment fell due this month that missed it.');
  add('nplRatioLagged', 'rate', 'Non-performing balance / outstanding balance 12 months earlier.');
  add('formalBorrowerShare', 'rate', 'Share of borrowers (not in default) holding at least one formal loan.');
  for (const s of SEGMENTS) add(`formalBorrowerShare.${s}`, 'rate', `Share of ${s} borrowers (not in default) holding a formal loan.`);
  add('greyBorrowerShare', 'rate', 'Share of borrowers (not in default) holding a grey-market loan.');
  add('greyOriginations', 'money', 'Grey-market principal lent in the month.');
  add('greyAprMean', 'rate', 'Mean APR of the month\'s new grey-market loans, volume-weighted.');
  add('liquidityDefaultShare', 'rate', 'Share of the month\'s defaults by borrowers refused credit while in need (within liquidityMonths of the refusal).');
  add('consumerSurplus', 'money', 'Sum over the month\'s new formal loans of (reservation APR - APR) x principal (annual money).');
  add('greyInterest', 'money', 'Interest paid to grey lenders in the month.');
  for (const t of TIER_NAMES) {
    add(`originations.${t}`, 'money', `Principal originated through ${t} platforms in the month.`);
    add(`platformRevenueRate.${t}`, 'rate', `Revenue of ${t} platforms (revenue share + tech fee + fees kept) per unit originated, annual.`);
  }
  add('nearCapShare', 'rate', 'Share of new formal volume priced within 0.01 below the comprehensive cap in force (0 where there is none).');
  add('ledgerResidual', 'rate', 'The month\'s money identity (the agents\' own accounts against the ledger of flows between borrowers, banks, platforms, guarantors and the outside) residual over the month\'s gross flows: 0 to rounding.');
  for (const t of BANK_TYPES) {
    add(`bankCapital.${t}`, 'money', `Mean tier-1 capital of banks of type ${t} (moves with realized profit and loss).`);
    add(`bankNpl.${t}`, 'rate', `Mean lagged internet-book NPL ratio of banks of type ${t}: the non-performing balance a bank bears (guaranteed loans are compensated) over its book 12 months earlier; what its firewall watches.`);
  }
  for (const t of BANK_TYPES) {
    for (const p of MARGIN_PARTS) {
      add(`margin.${t}.${p}`, 'rate', `Ex-ante annual margin per unit lent on the applications offered to ${t} banks: ${p}.`);
    }
  }
  // Beyond the contract: what the report and the accounting tests read.
  const extra = { contract: false };
  add('nominalAprMean', 'rate', 'Nominal rate of new loans, volume-weighted.', extra);
  add('creditLosses', 'money', 'Credit losses booked in the month (lgd x balance at default).', extra);
  add('lossesBorneByBanks', 'money', 'Credit losses borne by banks.', extra);
  add('lossesBorneByGuarantees', 'money', 'Credit losses paid by guarantees.', extra);
  for (const t of TIER_NAMES) add(`platformProfit.${t}`, 'money', `Profit of ${t} platforms in the month (revenue share and fees kept minus acquisition and fixed costs).`, extra);
  for (const t of TIER_NAMES) add(`markupMean.${t}`, 'rate', `Mean markup above the cost floor that ${t} platforms realized on new loans, volume-weighted.`, extra);
  add('takeRate', 'rate', 'Platform revenue (revenue share + tech fee + fees kept) per unit of new principal, annual, all tiers: the split\'s outcome.', extra);
  add('bankProfit', 'money', 'Banks\' profit and loss on the internet business in the month.', extra);
  add('borrowersWithLoans', 'count', 'Borrowers with a formal loan (real-market scale).', extra);
  for (const s of SEGMENTS) add(`greyBorrowerShare.${s}`, 'rate', `Share of ${s} borrowers (not in default) holding a grey-market loan.`, extra);
  for (const s of SEGMENTS) add(`greyOnlyBorrowerShare.${s}`, 'rate', `Share of ${s} borrowers (not in default) holding a grey-market loan and no formal one.`, extra);
  add('refusedInNeedShare', 'rate', 'Borrowers (not in default) who needed credit to keep paying (debt service above their threshold) and got no formal loan in the month / borrowers.', extra);
  for (const s of SEGMENTS) add(`refusedInNeedShare.${s}`, 'rate', `Share of ${s} borrowers refused credit while in need in the month.`, extra);
  add('inNeedShare', 'rate', 'Borrowers (not in default) whose debt service was above their threshold at the last borrower pass: they seek this month whatever their propensity / borrowers.', extra);
  add('greyLosses', 'money', 'Losses of grey lenders on defaulted borrowers in the month.', extra);
  add('applications', 'count', 'Applications in the month (real-market scale).', extra);
  add('loansMade', 'count', 'Loans made in the month (real-market scale).', extra);
  // Of all applications, the share that ended without a loan, by why.
  for (const why of ['unpriceable', 'reservation', 'noFunder', 'declined', 'shopped']) {
    add(`rejectedShare.${why}`, 'rate', `Share of applications that ended without a loan because: ${why}.`, extra);
  }
  // Competition (issue 12): what the platforms' funding costs, which follow their funders.
  for (const t of TIER_NAMES) add(`funderReturn.${t}`, 'rate', `Funding cost + hurdle of the banks that funded the new loans of ${t} platforms, volume-weighted: what the funders need.`, extra);
  for (const t of TIER_NAMES) add(`fundingCost.${t}`, 'rate', `What the funding banks keep of the nominal rate of ${t} platforms' new loans net of the expected loss they bear (funding + hurdle + their share of the surplus), volume-weighted: the platforms' funding cost.`, extra);
  return out;
}

/** Every metric, in series order. */
export const METRICS: readonly MetricDef[] = Object.freeze(build());
/** Every metric name, in series order. */
export const METRIC_NAMES: readonly string[] = Object.freeze(METRICS.map((d) => d.name));
/** Position of each metric in a month's row. */
export const METRIC_INDEX: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(METRIC_NAMES.map((n, i) => [n, i])),
);
export const METRIC_COUNT = METRIC_NAMES.length;
const BY_NAME = new Map(METRICS.map((d) => [d.name, d]));

/** The declaration of a metric, or undefined for a name that is not one. */
export function metricDef(name: string): MetricDef | undefined {
  return BY_NAME.get(name);
}

/** Per named bank and month: listed partners, share of them that are head platforms, NPL ratio. */
export const BANK_SERIES = ['partners', 'headShare', 'nplRatio'] as const;
export const BANK_SERIES_COUNT = BANK_SERIES.length;
