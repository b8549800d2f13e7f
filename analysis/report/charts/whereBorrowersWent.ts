/**
 * Where the borrowers went (DESIGN v2, "Borrowers, counted as people"): for each segment, before the
 * rule and at the end in both arms, the share of borrowers (not in default) holding a formal loan,
 * a grey loan and no formal one, or neither. Stacked to 1.
 */
import type { Summary } from '../../stats/summary.js';
import { VEGA_LITE_SCHEMA, type Chart, type DataRow } from '../chart.js';
import { SEGMENT_LABEL, SEGMENTS } from '../labels.js';
import { ARM_WINDOW_GROUPS } from './armWindowGroups.js';

export const WHERE = [
  { key: 'formal', label: 'formal loan', color: '#2c7fb8' },
  { key: 'grey', label: 'grey loan only', color: '#7f7f7f' },
  { key: 'none', label: 'no loan', color: '#e0e0e0' },
] as const;

/** Rows (segment, group, where, share); a (segment, group) whose metrics no run defined is left out. */
export function whereBorrowersWentRows(summary: Summary): DataRow[] {
  const rows: DataRow[] = [];
  for (const s of SEGMENTS) {
    for (const g of ARM_WINDOW_GROUPS) {
      const block = summary.arms[g.arm]?.[g.window];
      const formal = block?.[`formalBorrowerShare.${s}`]?.mean;
      const grey = block?.[`greyOnlyBorrowerShare.${s}`]?.mean;
      if (typeof formal !== 'number' || typeof grey !== 'number' || !Number.isFinite(formal) || !Number.isFinite(grey)) continue;
      const shares = { formal, grey, none: Math.max(0, 1 - formal - grey) };
      WHERE.forEach((w, order) => rows.push({ segment: SEGMENT_LABEL[s], group: g.label, where: w.label, order, share: shares[w.key] }));
    }
  }
  return rows;
}

export function whereBorrowersWentChart(summary: Summary): Chart {
  const rows = whereBorrowersWentRows(summary);
  return {
    name: 'where-borrowers-went',
    title: 'Where the borrowers went: formal credit, the grey market, or none',
    howToRead:
      'Each bar is one borrower segment in one arm and window (before the rule, or the last 3 months; with the rule or without), split into the share of its borrowers holding a formal loan, a grey-market loan and no formal one, or no loan at all. The rule\'s cost in access is the formal part lost between the end bars of the two arms; the grey part is where some of them went, at several hundred percent a year.',
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Borrowers by where their credit comes from',
      data: { values: rows },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        column: { field: 'segment', type: 'nominal', title: 'borrower segment', sort: SEGMENTS.map((s) => SEGMENT_LABEL[s]) },
        x: { field: 'group', type: 'nominal', title: null, sort: ARM_WINDOW_GROUPS.map((g) => g.label), axis: { labelAngle: -40 } },
        y: { field: 'share', type: 'quantitative', title: 'share of borrowers', stack: 'normalize', axis: { format: '.0%' } },
        color: { field: 'where', type: 'nominal', title: '', sort: WHERE.map((w) => w.label), scale: { domain: WHERE.map((w) => w.label), range: WHERE.map((w) => w.color) } },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}
