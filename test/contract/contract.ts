/**
 * The public contract of summary.json (docs/contract.md, "summary.json"), checked inside the project so
 * the suite needs nothing beside the checkout: every contract metric in every block as a STAT, the
 * named banks of the article, ten facts. The version-2 metrics are asserted only where the engine
 * already records them (METRIC_NAMES), so adding one makes it checked without touching this file.
 */
import { BANK_TYPES, SEGMENTS } from '../../sim/scenario/schema.js';
import { MARGIN_PARTS, METRIC_NAMES } from '../../sim/model/metricNames.js';

/** The version-1 metric names the contract fixes (76). */
export function contractMetricsV1(): string[] {
  const names = ['links', 'headShareOfLinks', 'headShareOfVolume', 'platformHHI', 'bankHHI', 'activePlatforms',
    'originations', 'outstanding', 'approvalRate', 'aprMean', 'aprMean.head', 'aprMean.tail', 'aprP90', 'hiddenFeeGap', 'defaultRate',
    'meanConcurrentLoans', 'multiBorrowerShare', 'multiBorrowerDefaultShare', 'bankLossShare'];
  for (const m of ['partnersPerBank', 'zeroPartnerBankShare', 'nplRatio']) names.push(m, ...BANK_TYPES.map((t) => `${m}.${t}`));
  names.push('exclusionRate', ...SEGMENTS.map((g) => `exclusionRate.${g}`));
  for (const t of BANK_TYPES) for (const p of MARGIN_PARTS) names.push(`margin.${t}.${p}`);
  return names;
}

/** The version-2 metric names the contract lists (for the default tiers head and tail). */
export function contractMetricsV2(): string[] {
  const names = ['dpd1to30', 'dpd31to60', 'dpd61to90', 'dpd90plus', 'firstPaymentDefault', 'nplRatioLagged', 'formalBorrowerShare',
    'greyBorrowerShare', 'greyOriginations', 'greyAprMean', 'liquidityDefaultShare', 'consumerSurplus', 'greyInterest', 'nearCapShare', 'ledgerResidual'];
  names.push(...SEGMENTS.map((g) => `formalBorrowerShare.${g}`));
  for (const tier of ['head', 'tail']) for (const m of ['originations', 'aprMean', 'platformRevenueRate']) names.push(`${m}.${tier}`);
  for (const t of BANK_TYPES) names.push(`bankCapital.${t}`, `bankNpl.${t}`);
  return names;
}

/** The contract's metrics a summary must carry: v1, plus the v2 ones the engine records. */
export function contractMetrics(): string[] {
  const known = new Set(METRIC_NAMES);
  const v1 = contractMetricsV1();
  return [...v1, ...contractMetricsV2().filter((n) => known.has(n) && !v1.includes(n))];
}

export const NAMED_BANKS = ['yillion', 'urumqi', 'longjiang', 'ganzhou', 'guiyang'] as const;
export const BLOCKS = ['arms.policy.beforeRule', 'arms.policy.afterRule', 'arms.policy.end',
  'arms.counterfactual.beforeRule', 'arms.counterfactual.afterRule', 'arms.counterfactual.end', 'effect'] as const;

function isStat(x: unknown): boolean {
  if (!x || typeof x !== 'object') return false;
  const s = x as Record<string, unknown>;
  if (typeof s.n !== 'number') return false;
  if (s.n === 0) return ['mean', 'sd', 'q05', 'q50', 'q95'].every((k) => s[k] === null);
  return typeof s.mean === 'number' && Array.isArray(s.ci95) && s.ci95.length === 2 && ['sd', 'q05', 'q50', 'q95'].every((k) => typeof s[k] === 'number');
}

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Every way a parsed summary.json falls short of the contract; empty when it meets it. */
export function contractProblems(summary: unknown): string[] {
  const s = summary as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of ['scenario', 'seed', 'runs', 'months', 'ruleStartMonth']) if (!(k in s)) problems.push(`top-level ${k} missing`);
  const names = contractMetrics();
  for (const where of BLOCKS) {
    const block = at(s, where) as Record<string, unknown> | undefined;
    if (!block) {
      problems.push(`${where} missing`);
      continue;
    }
    const miss = names.filter((n) => !isStat(block[n]));
    if (miss.length) problems.push(`${where}: ${miss.length} metrics missing or not STAT (${miss.slice(0, 5).join(', ')}${miss.length > 5 ? ', ...' : ''})`);
  }
  const banks = Array.isArray(s.banks) ? (s.banks as { id?: unknown }[]) : [];
  const ids = banks.map((b) => b.id);
  for (const id of NAMED_BANKS) if (!ids.includes(id)) problems.push(`banks: no ${id}`);
  for (const b of banks) {
    for (const k of ['partnersBeforeRule', 'partnersEnd', 'headShareEnd', 'nplRatioEnd']) {
      if (!isStat((b as Record<string, unknown>)[k])) problems.push(`banks.${String(b.id)}.${k}: not a STAT`);
    }
  }
  const facts = Array.isArray(s.facts) ? (s.facts as Record<string, unknown>[]) : [];
  if (facts.length < 10) problems.push(`facts: ${facts.length} of 10`);
  for (const f of facts) {
    if (typeof f.id !== 'string' || typeof f.statement !== 'string' || typeof f.holds !== 'boolean') problems.push(`facts: ${JSON.stringify(f.id)} lacks id, statement or holds`);
  }
  return problems;
}
