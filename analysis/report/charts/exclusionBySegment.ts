/** Exclusion (sought credit, got none) by borrower segment, before the rule and at the end, both arms. */
import type { Summary } from '../../stats/summary.js';
import type { Chart } from '../chart.js';
import { SEGMENT_LABEL, SEGMENTS } from '../labels.js';
import { ARM_WINDOW_GROUPS, armWindowRows } from './armWindowGroups.js';
import { intervalBarsSpec } from './intervalBars.js';

export function exclusionBySegmentChart(summary: Summary): Chart {
  const categories = SEGMENTS.map((s) => ({ key: s, label: SEGMENT_LABEL[s] }));
  const rows = armWindowRows(summary, 'segment', categories, (s) => `exclusionRate.${s}`);
  return {
    name: 'exclusion-by-segment',
    title: 'Exclusion by borrower segment',
    howToRead:
      'Each group is a borrower segment and each bar the share of borrowers who sought a loan in a month and got none (light: before the rule, dark: the last 3 months; red with the rule, blue without), so the gap between the dark red and dark blue bars is how many more borrowers of that segment the rule shuts out.',
    rows,
    spec: intervalBarsSpec({
      title: 'Borrowers who sought credit and got none',
      rows,
      category: { field: 'segment', title: 'borrower segment', order: categories.map((c) => c.label) },
      group: { field: 'group', title: '', order: ARM_WINDOW_GROUPS.map((g) => g.label), colors: ARM_WINDOW_GROUPS.map((g) => g.color) },
      nonNegative: true,
      y: { title: 'share excluded', format: '.0%' },
    }),
  };
}
