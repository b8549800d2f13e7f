/** Partners per bank by bank type, before the rule and at the end, in both arms, with 95% intervals. */
import type { Summary } from '../../stats/summary.js';
import type { Chart } from '../chart.js';
import { BANK_TYPE_LABEL, BANK_TYPES } from '../labels.js';
import { ARM_WINDOW_GROUPS, armWindowRows } from './armWindowGroups.js';
import { intervalBarsSpec } from './intervalBars.js';

export function partnersByTypeChart(summary: Summary): Chart {
  const categories = BANK_TYPES.map((t) => ({ key: t, label: BANK_TYPE_LABEL[t] }));
  const rows = armWindowRows(summary, 'bankType', categories, (t) => `partnersPerBank.${t}`);
  return {
    name: 'partners-by-type',
    title: 'Platform partners per bank, by bank type',
    howToRead:
      'Each group of bars is one bank type; light bars are the 3 months before the rule, dark bars the last 3 months, red with the rule and blue without it, and the black line on each bar is the 95% interval of the mean across runs, so a dark red bar far below its dark blue neighbour is banks of that type dropping partners because of the rule.',
    rows,
    spec: intervalBarsSpec({
      title: 'Partners per bank',
      rows,
      category: { field: 'bankType', title: 'bank type', order: categories.map((c) => c.label) },
      group: { field: 'group', title: '', order: ARM_WINDOW_GROUPS.map((g) => g.label), colors: ARM_WINDOW_GROUPS.map((g) => g.color) },
      nonNegative: true,
      y: { title: 'listed platform partners per bank', format: ',.0f' },
    }),
  };
}
