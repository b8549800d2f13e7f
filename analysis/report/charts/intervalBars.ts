/**
 * Grouped bars with 95% intervals: one bar per (category, group), the interval of the mean across
 * runs drawn as a black rule over it. The shape of "partners per bank by type" and "exclusion by
 * segment".
 */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, VEGA_LITE_SCHEMA, type DataRow } from '../chart.js';

export interface IntervalBarsOptions {
  title: string;
  rows: DataRow[];
  /** The x field, its title and the order of its values. */
  category: { field: string; title: string; order: readonly string[] };
  /** The bars within a category: the field, legend title, order and colors. */
  group: { field: string; title: string; order: readonly string[]; colors: readonly string[] };
  /** y: title and d3 number format of the mean, lo and hi fields. */
  y: { title: string; format: string };
  /** The measure cannot be negative: the axis starts at 0 and an interval reaching below is cut there. */
  nonNegative?: boolean;
}

export function intervalBarsSpec(o: IntervalBarsOptions): TopLevelSpec {
  const tooltip = [
    { field: o.category.field, type: 'nominal' as const, title: o.category.title },
    { field: o.group.field, type: 'nominal' as const, title: o.group.title },
    { field: 'mean', type: 'quantitative' as const, format: o.y.format },
    { field: 'lo', type: 'quantitative' as const, title: '95% CI low', format: o.y.format },
    { field: 'hi', type: 'quantitative' as const, title: '95% CI high', format: o.y.format },
    { field: 'n', type: 'quantitative' as const, title: 'runs' },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: o.title,
    config: CONFIG,
    data: { values: o.rows },
    width: Math.max(240, o.category.order.length * (o.group.order.length * 14 + 24)),
    height: 240,
    encoding: {
      x: { field: o.category.field, type: 'nominal', sort: [...o.category.order], title: o.category.title, axis: { labelAngle: 0 } },
      xOffset: { field: o.group.field, type: 'nominal', sort: [...o.group.order] },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'mean', type: 'quantitative', title: o.y.title, axis: { format: o.y.format }, ...(o.nonNegative ? { scale: { domainMin: 0 } } : {}) },
          color: { field: o.group.field, type: 'nominal', title: o.group.title, sort: [...o.group.order], scale: { domain: [...o.group.order], range: [...o.group.colors] } },
          tooltip,
        },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.5, clip: !!o.nonNegative },
        encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: { value: '#222' }, tooltip },
      },
    ],
  };
}
