/**
 * The table of headline effects: for each key metric, the policy arm before the rule and at the end,
 * the counterfactual at the end, and the paired effect (policy end - counterfactual end, run by run)
 * with its 95% interval. Pure: summary in, rows of formatted text out.
 */
import type { Summary } from '../stats/summary.js';
import { DEFAULT_CURRENCY, formatEffect, formatValue, metricKind } from './format.js';

export const HEADLINE_METRICS: readonly { metric: string; label: string }[] = [
  // People first: who lost formal credit, where they went, what it cost them.
  { metric: 'formalBorrowerShare', label: 'borrowers holding a formal loan' },
  { metric: 'formalBorrowerShare.subprime', label: 'subprime borrowers holding a formal loan' },
  { metric: 'greyBorrowerShare', label: 'borrowers holding a grey loan' },
  { metric: 'greyBorrowerShare.subprime', label: 'subprime borrowers holding a grey loan' },
  { metric: 'consumerSurplus', label: 'consumer surplus of new formal loans a month' },
  { metric: 'greyInterest', label: 'interest paid to grey lenders a month' },
  { metric: 'liquidityDefaultShare', label: 'defaults after a refused rollover' },
  { metric: 'links', label: 'bank-platform links' },
  { metric: 'partnersPerBank', label: 'partners per bank' },
  { metric: 'zeroPartnerBankShare', label: 'banks with no partner' },
  { metric: 'headShareOfLinks', label: 'head platforms\' share of links' },
  { metric: 'activePlatforms', label: 'active platforms' },
  { metric: 'originations', label: 'originations a month' },
  { metric: 'aprMean', label: 'mean APR of new loans' },
  { metric: 'aprP90', label: '90th percentile APR' },
  { metric: 'hiddenFeeGap', label: 'hidden-fee gap' },
  { metric: 'exclusionRate', label: 'exclusion rate' },
  { metric: 'exclusionRate.subprime', label: 'exclusion rate, subprime' },
  { metric: 'defaultRate', label: 'default rate (annualized)' },
  { metric: 'dpd1to30', label: '1-30 days past due (share of the book)' },
  { metric: 'nplRatio', label: 'NPL ratio' },
  { metric: 'platformHHI', label: 'platform HHI' },
  { metric: 'headShareOfVolume', label: 'head platforms\' share of volume' },
];

export interface HeadlineRow {
  metric: string;
  label: string;
  before: string;
  policyEnd: string;
  counterfactualEnd: string;
  effect: string;
  ci: string;
  /** The interval excludes 0: the rule changed this metric beyond the Monte Carlo noise. */
  clear: boolean;
  n: number;
}

export function headlineRows(summary: Summary, currency = DEFAULT_CURRENCY): HeadlineRow[] {
  return HEADLINE_METRICS.filter((m) => summary.effect?.[m.metric]).map(({ metric, label }) => {
    const kind = metricKind(metric);
    const e = summary.effect[metric]!;
    const ci = e.ci95;
    return {
      metric, label,
      before: formatValue(kind, summary.arms.policy?.beforeRule?.[metric]?.mean, currency),
      policyEnd: formatValue(kind, summary.arms.policy?.end?.[metric]?.mean, currency),
      counterfactualEnd: formatValue(kind, summary.arms.counterfactual?.end?.[metric]?.mean, currency),
      effect: formatEffect(kind, e.mean, currency),
      ci: ci ? `[${formatEffect(kind, ci[0], currency)}, ${formatEffect(kind, ci[1], currency)}]` : '—',
      clear: !!ci && e.n > 1 && (ci[0] > 0 || ci[1] < 0),
      n: e.n,
    };
  });
}
