/**
 * The decomposition's chart: for each headline metric, the rule's whole effect at the end as a stack
 * of the components' Shapley shares (positive shares stacked up from zero, negative ones down), and
 * the whole effect as a black tick with its 95% interval (paired by run).
 */
import type { DecomposeResult } from '../../decompose/outputs.js';
import { CONFIG, VEGA_LITE_SCHEMA, finite, type Chart, type DataRow } from '../chart.js';
import { DEFAULT_CURRENCY } from '../format.js';

export const DECOMPOSE_METRICS: readonly { metric: string; label: string; scale: number }[] = [
  { metric: 'links', label: 'links', scale: 1 },
  { metric: 'originations', label: `originations (${DEFAULT_CURRENCY} bn a month)`, scale: 1e-9 },
  { metric: 'formalBorrowerShare', label: 'formal borrower share', scale: 1 },
  { metric: 'defaultRate', label: 'default rate', scale: 1 },
];

export function decomposeChart(d: DecomposeResult): Chart {
  const rows: DataRow[] = [];
  for (const { metric, label, scale } of DECOMPOSE_METRICS) {
    const e = d.effects[metric];
    if (!e) continue;
    d.components.forEach((c, order) => {
      const s = e.shares[c]!;
      const mean = finite(s.mean);
      if (mean === null) return;
      rows.push({ kind: 'share', metric: label, component: c, order, mean: mean * scale, lo: (finite(s.ci95?.[0]) ?? mean) * scale, hi: (finite(s.ci95?.[1]) ?? mean) * scale, n: s.n });
    });
    const total = finite(e.total.mean);
    if (total !== null) {
      rows.push({ kind: 'total', metric: label, component: 'whole effect', order: -1, mean: total * scale, lo: (finite(e.total.ci95?.[0]) ?? total) * scale, hi: (finite(e.total.ci95?.[1]) ?? total) * scale, n: e.total.n });
    }
  }
  const tooltip = [
    { field: 'metric', type: 'nominal' as const, title: 'measure' },
    { field: 'component', type: 'nominal' as const, title: 'component' },
    { field: 'mean', type: 'quantitative' as const, title: 'mean', format: '.4~g' },
    { field: 'lo', type: 'quantitative' as const, title: '95% CI low', format: '.4~g' },
    { field: 'hi', type: 'quantitative' as const, title: '95% CI high', format: '.4~g' },
  ];
  return {
    name: 'decompose',
    title: 'Which part of the rule does what',
    howToRead:
      'Each panel is one measure: the bar is the rule\'s effect at the end (with the rule minus without, paired by run) split into each component\'s Shapley share, shares that raise the measure stacked above zero and shares that lower it below; the black tick is the whole effect (the sum of the shares) and its whisker the 95% interval.',
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Shapley decomposition of the rule's effect (${d.runs} runs per combination)`,
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'metric', type: 'nominal', title: null, sort: DECOMPOSE_METRICS.map((m) => m.label) },
      columns: 4,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: 120,
        height: 200,
        layer: [
          {
            transform: [{ filter: "datum.kind === 'share'" }],
            mark: { type: 'bar', width: 36 },
            encoding: {
              x: { datum: 'effect', type: 'nominal', axis: null },
              y: { field: 'mean', type: 'quantitative', title: null, stack: 'zero' },
              color: { field: 'component', type: 'nominal', title: 'component', sort: d.components },
              order: { field: 'order', type: 'quantitative' },
              tooltip,
            },
          },
          {
            transform: [{ filter: "datum.kind === 'total'" }],
            mark: { type: 'rule', color: '#000' },
            encoding: { x: { datum: 'effect', type: 'nominal', axis: null }, y: { field: 'lo', type: 'quantitative', title: null }, y2: { field: 'hi' }, tooltip },
          },
          {
            transform: [{ filter: "datum.kind === 'total'" }],
            mark: { type: 'tick', color: '#000', thickness: 2, size: 48 },
            encoding: { x: { datum: 'effect', type: 'nominal', axis: null }, y: { field: 'mean', type: 'quantitative', title: null }, tooltip },
          },
          { mark: { type: 'rule', strokeDash: [4, 3], color: '#777' }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        ],
      },
    },
  };
}
