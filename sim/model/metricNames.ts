/**
 * The names of the per-month metrics (CONTRACT.md, "Metric names"), in the fixed order of a run's
 * series. A metric whose month has nothing to measure is NaN there (left out of statistics).
 */
import { BANK_TYPES, SEGMENTS } from '../scenario/schema.js';

export const MARGIN_PARTS = ['apr', 'funding', 'take', 'techFee', 'losses', 'listCost', 'net'] as const;
export type MarginPart = (typeof MARGIN_PARTS)[number];

function build(): string[] {
  const names = [
    'links', 'partnersPerBank', ...BANK_TYPES.map((t) => `partnersPerBank.${t}`),
    'zeroPartnerBankShare', ...BANK_TYPES.map((t) => `zeroPartnerBankShare.${t}`),
    'headShareOfLinks', 'headShareOfVolume', 'platformHHI', 'bankHHI', 'activePlatforms',
    'originations', 'outstanding', 'approvalRate',
    'exclusionRate', ...SEGMENTS.map((s) => `exclusionRate.${s}`),
    'aprMean', 'aprMean.head', 'aprMean.tail', 'aprP90', 'hiddenFeeGap',
    'defaultRate', 'nplRatio', ...BANK_TYPES.map((t) => `nplRatio.${t}`),
    'meanConcurrentLoans', 'multiBorrowerShare', 'multiBorrowerDefaultShare', 'bankLossShare',
  ];
  for (const t of BANK_TYPES) for (const p of MARGIN_PARTS) names.push(`margin.${t}.${p}`);
  // Beyond the contract: what the report and the accounting tests read.
  names.push(
    'nominalAprMean', 'creditLosses', 'lossesBorneByBanks', 'lossesBorneByGuarantees',
    'platformProfit.head', 'platformProfit.tail', 'borrowersWithLoans', 'applications', 'loansMade',
    // Of all applications, the share that ended without a loan, by why.
    'rejectedShare.unpriceable', 'rejectedShare.reservation', 'rejectedShare.noFunder', 'rejectedShare.declined',
  );
  return names;
}

/** Every metric, in series order. */
export const METRIC_NAMES: readonly string[] = Object.freeze(build());
/** Position of each metric in a month's row. */
export const METRIC_INDEX: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(METRIC_NAMES.map((n, i) => [n, i])),
);
export const METRIC_COUNT = METRIC_NAMES.length;

/** Per named bank and month: listed partners, share of them that are head platforms, NPL ratio. */
export const BANK_SERIES = ['partners', 'headShare', 'nplRatio'] as const;
export const BANK_SERIES_COUNT = BANK_SERIES.length;
