/**
 * The contract's metric names as a type (docs/contract.md, "Metric names"), for library users:
 * `summary.arms.policy.end.links` and `summary.effect['exclusionRate.subprime']` are known to be
 * there (a `Stat`), a misspelt contract name is a compile error where a `ContractMetricName` is
 * asked for, and any other metric the engine records (METRIC_NAMES, sim/model/metricNames.ts, the
 * runtime list) is still readable by its string. A test keeps every name here in METRIC_NAMES.
 */
import type { BankType, Segment } from '../scenario/schema.js';
import type { MarginPart } from './metricNames.js';

type PerType<M extends string> = M | `${M}.${BankType}`;

/** Every metric name the contract fixes (versions 1 and 2); each summary block carries all of them. */
export type ContractMetricName =
  | 'links'
  | PerType<'partnersPerBank'>
  | PerType<'zeroPartnerBankShare'>
  | 'headShareOfLinks' | 'headShareOfVolume' | 'platformHHI' | 'bankHHI' | 'activePlatforms'
  | 'originations' | 'outstanding' | 'approvalRate'
  | 'exclusionRate' | `exclusionRate.${Segment}`
  | 'aprMean' | `aprMean.${PlatformTier}` | 'aprP90' | 'hiddenFeeGap'
  | 'defaultRate'
  | PerType<'nplRatio'>
  | 'meanConcurrentLoans' | 'multiBorrowerShare' | 'multiBorrowerDefaultShare' | 'bankLossShare'
  | `margin.${BankType}.${MarginPart}`
  // Version 2.
  | 'dpd1to30' | 'dpd31to60' | 'dpd61to90' | 'dpd90plus' | 'firstPaymentDefault' | 'nplRatioLagged'
  | 'formalBorrowerShare' | `formalBorrowerShare.${Segment}`
  | 'greyBorrowerShare' | 'greyOriginations' | 'greyAprMean' | 'liquidityDefaultShare' | 'consumerSurplus' | 'greyInterest'
  | `originations.${PlatformTier}` | `platformRevenueRate.${PlatformTier}` | 'nearCapShare' | 'ledgerResidual'
  | `bankCapital.${BankType}` | `bankNpl.${BankType}`;

/** Platform tiers as the metric names spell them. */
type PlatformTier = 'head' | 'tail' | 'waist';

/** A metric name: one of the contract's (editors complete them) or any other the engine records. */
export type MetricName = ContractMetricName | (string & {});

