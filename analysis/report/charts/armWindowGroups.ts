/** The four bars of a before/end comparison in both arms, with their colors (light = before, dark = end). */
import type { Arm } from '../../../sim/model/result.js';
import type { Stat } from '../../stats/stat.js';
import type { Summary } from '../../stats/summary.js';
import { ARM_LABEL, finite, type DataRow } from '../chart.js';

export const ARM_WINDOW_GROUPS: readonly { arm: Arm; window: 'beforeRule' | 'end'; label: string; color: string }[] = [
  { arm: 'policy', window: 'beforeRule', label: `${ARM_LABEL.policy}: before`, color: '#f1a58f' },
  { arm: 'policy', window: 'end', label: `${ARM_LABEL.policy}: end`, color: '#c0392b' },
  { arm: 'counterfactual', window: 'beforeRule', label: `${ARM_LABEL.counterfactual}: before`, color: '#9ecae1' },
  { arm: 'counterfactual', window: 'end', label: `${ARM_LABEL.counterfactual}: end`, color: '#2c7fb8' },
];

/** The statistic's mean, interval and n as row fields. */
export function statFields(s: Stat | undefined): { mean: number | null; lo: number | null; hi: number | null; n: number } {
  return { mean: finite(s?.mean), lo: finite(s?.ci95?.[0]), hi: finite(s?.ci95?.[1]), n: s?.n ?? 0 };
}

/**
 * One row per (category, arm, window) for metrics named `${prefix}${category}`; categories whose
 * metric no run defined are left out.
 */
export function armWindowRows(summary: Summary, field: string, categories: readonly { key: string; label: string }[], metricOf: (key: string) => string): DataRow[] {
  const rows: DataRow[] = [];
  for (const c of categories) {
    for (const g of ARM_WINDOW_GROUPS) {
      const s = statFields(summary.arms[g.arm]?.[g.window]?.[metricOf(c.key)]);
      if (s.mean === null) continue;
      rows.push({ [field]: c.label, group: g.label, arm: g.arm, window: g.window, metric: metricOf(c.key), ...s });
    }
  }
  return rows;
}
