/**
 * Notes on the data, shown above the charts: what a careful reader should know before trusting a
 * number. Pure checks of summary.json: metrics that are undefined in some runs, margins off any
 * sensible scale, and a counterfactual market that drifts on its own (CALIBRATION.md's check S1).
 */
import type { Summary } from '../stats/summary.js';
import { formatValue, metricKind } from './format.js';
import { HEADLINE_METRICS } from './headline.js';
import { MARGIN_SCALE_LIMIT } from './charts/marginWaterfall.js';

export function dataNotes(summary: Summary): string[] {
  const notes: string[] = [];
  const runs = summary.runs;
  if (runs < 2) notes.push(`Only ${runs} run per arm: the intervals have no width to show; run more (--runs) before reading differences.`);
  const snapshots = ['beforeRule', 'afterRule', 'end'] as const;

  for (const { metric, label } of HEADLINE_METRICS) {
    for (const arm of ['policy', 'counterfactual'] as const) {
      for (const w of snapshots) {
        const s = summary.arms[arm]?.[w]?.[metric];
        if (s && s.n < runs) notes.push(`${label} (${metric}) is defined in ${s.n} of ${runs} runs of the ${arm} arm (${w}): its statistics use those runs only.`);
      }
    }
  }

  const offScale: string[] = [];
  for (const w of snapshots) {
    for (const [metric, s] of Object.entries(summary.arms.policy?.[w] ?? {})) {
      if (metric.startsWith('margin.') && s.mean !== null && Math.abs(s.mean) > MARGIN_SCALE_LIMIT) offScale.push(`${metric} = ${s.mean.toPrecision(3)} (${w})`);
    }
  }
  if (offScale.length > 0) {
    notes.push(`Margins beyond ±${MARGIN_SCALE_LIMIT * 100}% a year per unit lent, drawn at the edge of the waterfall: ${offScale.join('; ')}. A per-unit value this large means the part was divided by almost no offered lending in some run (a bank type that all but stopped lending): read those windows with care.`);
  }

  // CALIBRATION.md's S1: without the rule the market stays put. summary.json carries the checks
  // (modelChecks) when the stats layer computes them; older summaries do not, so compute them here.
  const cf = summary.arms.counterfactual;
  for (const metric of ['links', 'originations', 'partnersPerBank']) {
    const before = cf?.beforeRule?.[metric]?.mean;
    const end = cf?.end?.[metric]?.mean;
    if (typeof before === 'number' && typeof end === 'number' && before !== 0 && Math.abs(end / before - 1) > 0.1) {
      const kind = metricKind(metric);
      notes.push(`Without the rule, ${metric} moves from ${formatValue(kind, before)} before the rule month to ${formatValue(kind, end)} at the end (${end > before ? '+' : ''}${((end / before - 1) * 100).toFixed(0)}%): the counterfactual market is not settled (CALIBRATION.md check S1 wants within 10%), so read the rule's effect against the counterfactual, not against the months before.`);
    }
  }
  return notes;
}
