/**
 * The sweep explorer: one slider per swept field (a Vega-Lite param bound to an input) picks the
 * sweep point nearest to the chosen values, and the charts below it show that point's market before
 * the rule and at the end, with and without it: partners per bank by type, exclusion by segment, and
 * the net margin per bank type. Every point's data is in the page, so moving the slider changes the
 * market shown without re-running anything.
 *
 * Nearest: the distance of a point is the sum over numeric fields of |value - slider| / the field's
 * range (a non-numeric field, chosen from a list, must match). Expressions use only the report's
 * own column and param names (x0, x1, ..., p0, p1, ...), never text from the sweep file.
 */
import type { TopLevelSpec } from 'vega-lite';
import { MARGIN_PARTS } from '../../../sim/model/metricNames.js';
import { CONFIG, VEGA_LITE_SCHEMA, WINDOW_LABEL, finite, type Chart, type DataRow } from '../chart.js';
import { BANK_TYPE_LABEL, BANK_TYPES, SEGMENT_LABEL, SEGMENTS } from '../labels.js';
import { type Sweep } from '../sweepData.js';
import { ARM_WINDOW_GROUPS, statFields } from './armWindowGroups.js';

const MARGIN_LIMIT = 1;

interface FieldAxis {
  field: string;
  column: string;
  param: string;
  numeric: boolean;
  values: (number | string)[];
}

function axes(sweep: Sweep): FieldAxis[] {
  return sweep.fields.map((field, k) => {
    const raw = sweep.points.map((p) => p.values[field]);
    const numeric = raw.every((v) => typeof v === 'number' && Number.isFinite(v));
    const values = [...new Set(raw.map((v) => (numeric ? (v as number) : String(v))))].sort((a, b) => (numeric ? (a as number) - (b as number) : String(a).localeCompare(String(b))));
    return { field, column: `x${k}`, param: `p${k}`, numeric, values };
  });
}

export function sweepExplorerChart(sweep: Sweep): Chart {
  const fieldAxes = axes(sweep);
  const rows: DataRow[] = [];
  const margins = ['beforeRule', 'afterRule', 'end'] as const;
  sweep.points.forEach((p, i) => {
    const at: DataRow = { point: i };
    for (const a of fieldAxes) at[a.column] = a.numeric ? (p.values[a.field] as number) : String(p.values[a.field]);
    const s = p.summary;
    for (const g of ARM_WINDOW_GROUPS) {
      for (const t of BANK_TYPES) {
        const f = statFields(s.arms?.[g.arm]?.[g.window]?.[`partnersPerBank.${t}`]);
        if (f.mean !== null) rows.push({ ...at, chart: 'partners', category: BANK_TYPE_LABEL[t], group: g.label, ...f });
      }
      for (const seg of SEGMENTS) {
        const f = statFields(s.arms?.[g.arm]?.[g.window]?.[`exclusionRate.${seg}`]);
        if (f.mean !== null) rows.push({ ...at, chart: 'exclusion', category: SEGMENT_LABEL[seg], group: g.label, ...f });
      }
    }
    for (const w of margins) {
      for (const t of BANK_TYPES) {
        const f = statFields(s.arms?.policy?.[w]?.[`margin.${t}.${MARGIN_PARTS[MARGIN_PARTS.length - 1]!}`]);
        if (f.mean === null) continue;
        // A per-unit margin beyond ±100% a year (almost no lending offered) is drawn at the edge.
        const clip = (x: number | null) => (x === null ? null : Math.max(-MARGIN_LIMIT, Math.min(MARGIN_LIMIT, x)));
        rows.push({ ...at, chart: 'margin', category: BANK_TYPE_LABEL[t], group: WINDOW_LABEL[w], ...f, mean: clip(f.mean), lo: clip(f.lo), hi: clip(f.hi), value: f.mean });
      }
    }
  });

  const params = fieldAxes.map((a) => {
    const first = a.values[0]!;
    if (a.numeric) {
      const nums = a.values as number[];
      const min = nums[0]!;
      const max = nums[nums.length - 1]!;
      const gaps = nums.slice(1).map((v, i) => v - nums[i]!).filter((d) => d > 0);
      const step = gaps.length > 0 ? Math.min(...gaps) / 4 : 1;
      return { name: a.param, value: first, bind: { input: 'range' as const, min, max: max > min ? max : min + 1, step, name: `${a.field} ` } };
    }
    return { name: a.param, value: first, bind: { input: 'select' as const, options: a.values, name: `${a.field} ` } };
  });
  const distance = fieldAxes
    .map((a) => {
      if (!a.numeric) return `(datum.${a.column} === ${a.param} ? 0 : 1000)`;
      const nums = a.values as number[];
      const span = nums[nums.length - 1]! - nums[0]! || 1;
      return `abs(datum.${a.column} - ${a.param}) / ${span}`;
    })
    .join(' + ');
  const nearest = [
    { calculate: distance, as: 'distance' },
    { joinaggregate: [{ op: 'min' as const, field: 'distance', as: 'nearest' }] },
    { filter: 'datum.distance <= datum.nearest + 1e-9' },
  ];
  const groupOrder = ARM_WINDOW_GROUPS.map((g) => g.label);
  const groupColors = ARM_WINDOW_GROUPS.map((g) => g.color);
  // The margin chart's axis covers the plausible margins; one beyond ±100% is cut at the edge (clip).
  const plausible = rows.filter((r) => r.chart === 'margin' && Math.abs(r.value as number) <= MARGIN_LIMIT).flatMap((r) => [r.mean, r.lo, r.hi]).filter((x): x is number => typeof x === 'number');
  const marginDomain = plausible.length > 0 ? [Math.min(0, ...plausible) - 0.01, Math.max(0.05, ...plausible) + 0.01] : undefined;
  const bars = (chart: string, title: string, categories: string[], yTitle: string, format: string, order: string[], colors: string[], domain?: number[]) => ({
    title,
    transform: [{ filter: `datum.chart === '${chart}'` }, ...nearest],
    width: Math.max(220, categories.length * (order.length * 12 + 20)),
    height: 180,
    encoding: {
      x: { field: 'category', type: 'nominal' as const, sort: categories, title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'group', type: 'nominal' as const, sort: order },
    },
    layer: [
      {
        mark: { type: 'bar' as const, clip: true },
        encoding: {
          y: { field: 'mean', type: 'quantitative' as const, title: yTitle, axis: { format }, ...(domain ? { scale: { domain } } : {}) },
          color: { field: 'group', type: 'nominal' as const, title: '', sort: order, scale: { domain: order, range: colors } },
          tooltip: [{ field: 'category', type: 'nominal' as const }, { field: 'group', type: 'nominal' as const }, { field: chart === 'margin' ? 'value' : 'mean', type: 'quantitative' as const, title: 'mean', format }, { field: 'point', type: 'quantitative' as const, title: 'sweep point' }],
        },
      },
      { mark: { type: 'rule' as const, strokeWidth: 1.5, clip: true }, encoding: { y: { field: 'lo', type: 'quantitative' as const }, y2: { field: 'hi' }, color: { value: '#222' } } },
    ],
  });
  const types = BANK_TYPES.map((t) => BANK_TYPE_LABEL[t]);
  const windows = margins.map((w) => WINDOW_LABEL[w]);
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: 'The market at the chosen sweep point',
    config: CONFIG,
    data: { values: rows },
    params,
    resolve: { scale: { color: 'independent' } },
    vconcat: [
      {
        hconcat: [
          bars('partners', 'Partners per bank', types, 'partners per bank', ',.0f', groupOrder, groupColors),
          bars('exclusion', 'Exclusion by segment', SEGMENTS.map((s) => SEGMENT_LABEL[s]), 'share excluded', '.0%', groupOrder, groupColors),
        ],
      },
      bars('margin', 'Net margin per unit lent, with the rule (a bar cut at the edge is off the scale)', types, 'net margin a year', '.0%', windows, ['#9e9e9e', '#f39c12', '#c0392b'], marginDomain),
    ],
  };
  return {
    name: 'sweep-explorer',
    title: 'Explore the sweep',
    howToRead:
      `Move the slider${fieldAxes.length > 1 ? 's' : ''} under the charts to a value of ${sweep.fields.join(' and ')}: the charts show the nearest sweep point's market (light bars before the rule, dark at the end; red with the rule, blue without; the net margin before the rule, in its first months and at the end), so you can watch the market change along the sweep without re-running.`,
    rows,
    spec,
  };
}
