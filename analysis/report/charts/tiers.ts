/**
 * Competition by platform tier (DESIGN v2 "Tiers"): the mean comprehensive APR of new loans and the
 * originations of each tier (head, waist, tail), before the rule and at the end, in both arms, with
 * 95% intervals. A tier the scenario gives no platforms has no bars (its metrics are n = 0).
 */
import { TIER_NAMES } from '../../../sim/model/metricNames.js';
import type { Summary } from '../../stats/summary.js';
import type { Chart, DataRow } from '../chart.js';
import { ARM_WINDOW_GROUPS, armWindowRows } from './armWindowGroups.js';
import { intervalBarsSpec } from './intervalBars.js';

/** Tiers in the order of their size and price: head, waist, tail. */
const TIER_ORDER = ['head', 'waist', 'tail'] as const satisfies readonly (typeof TIER_NAMES)[number][];
const groups = {
  field: 'group', title: '', order: ARM_WINDOW_GROUPS.map((g) => g.label), colors: ARM_WINDOW_GROUPS.map((g) => g.color),
};

/** One tier metric as grouped bars: `metric.<tier>` before the rule and at the end, both arms. */
function tierBars(summary: Summary, name: string, title: string, howToRead: string, metric: string, y: { title: string; format: string }, scale = 1): Chart {
  const categories = TIER_ORDER.map((t) => ({ key: t, label: t }));
  const scaled = (x: unknown) => (typeof x === 'number' ? x * scale : null);
  const rows: DataRow[] = armWindowRows(summary, 'tier', categories, (t) => `${metric}.${t}`)
    .map((r) => ({ ...r, mean: scaled(r.mean), lo: scaled(r.lo), hi: scaled(r.hi) }));
  const present = TIER_ORDER.filter((t) => rows.some((r) => r.tier === t));
  return {
    name, title, howToRead, rows,
    spec: intervalBarsSpec({ title, rows, category: { field: 'tier', title: 'platform tier', order: present }, group: groups, nonNegative: true, y }),
  };
}

export function pricesByTierChart(summary: Summary): Chart {
  return tierBars(summary, 'prices-by-tier', 'New-loan prices by platform tier',
    'Each group is a platform tier and each bar the volume-weighted comprehensive APR of its new loans (light: the 3 months before the rule, dark: the last 3 months; red with the rule, blue without), the black line the 95% interval across runs: under the rule the tiers\' prices converge under the cap, and where borrowers compare quotes a dear tier loses them.',
    'aprMean', { title: 'comprehensive APR of new loans', format: '.1%' });
}

export function volumeByTierChart(summary: Summary, currency: string): Chart {
  return tierBars(summary, 'volume-by-tier', 'Originations by platform tier',
    `Each group is a platform tier and each bar the principal it originated a month (${currency} bn; light: the 3 months before the rule, dark: the last 3 months; red with the rule, blue without): the head holds its volume while the waist and the tail lose theirs.`,
    'originations', { title: `originations (${currency} bn a month)`, format: ',.0f' }, 1e-9);
}
