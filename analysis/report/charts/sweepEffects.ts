/**
 * A sweep's key effects against the swept field: for each metric, the rule's paired effect at the
 * end (policy - counterfactual) at every point with its 95% interval as a band, and the interval of
 * the field where the effect changes most (sweep.json `turningPoints`) shaded. Against the first
 * swept field; with several fields, one line per combination of the others.
 */
import { CONFIG, VEGA_LITE_SCHEMA, finite, type Chart, type DataRow } from '../chart.js';
import { DEFAULT_CURRENCY } from '../format.js';
import { numericValue, otherFieldsLabel, type Sweep } from '../sweepData.js';

export const SWEEP_EFFECT_METRICS: readonly { metric: string; label: string }[] = [
  { metric: 'links', label: 'links' },
  { metric: 'partnersPerBank', label: 'partners per bank' },
  { metric: 'originations', label: `originations (${DEFAULT_CURRENCY} bn a month)` },
  { metric: 'aprMean', label: 'mean APR' },
  { metric: 'exclusionRate', label: 'exclusion rate' },
  { metric: 'exclusionRate.subprime', label: 'exclusion, subprime' },
  { metric: 'nplRatio', label: 'NPL ratio' },
  { metric: 'platformHHI', label: 'platform HHI' },
  { metric: 'activePlatforms', label: 'active platforms' },
];

export function sweepEffectsChart(sweep: Sweep): Chart {
  const field = sweep.fields[0]!;
  const rows: DataRow[] = [];
  for (const { metric, label } of SWEEP_EFFECT_METRICS) {
    const scale = metric === 'originations' ? 1e-9 : 1;
    sweep.points.forEach((p, i) => {
      const e = p.summary.effect?.[metric];
      const mean = finite(e?.mean);
      if (mean === null) return;
      rows.push({
        kind: 'effect', metric: label, point: i, x: numericValue(p, field), group: otherFieldsLabel(p, sweep.fields, field),
        mean: mean * scale, lo: (finite(e?.ci95?.[0]) ?? mean) * scale, hi: (finite(e?.ci95?.[1]) ?? mean) * scale, n: e?.n ?? 0,
      });
    });
    const t = sweep.turningPoints?.[metric];
    if (t && t.field === field && Array.isArray(t.between)) {
      rows.push({ kind: 'turn', metric: label, from: t.between[0], to: t.between[1], change: finite(t.change) });
    }
  }
  const grouped = new Set(rows.filter((r) => r.kind === 'effect').map((r) => r.group)).size > 1;
  const color = grouped ? { field: 'group', type: 'nominal' as const, title: 'other fields' } : { value: '#c0392b' };
  return {
    name: 'sweep-effects',
    title: 'Effects of the rule along the sweep',
    howToRead:
      `Each panel is one measure: the line is the rule's effect at the end (with the rule minus without, paired by run) at each value of ${field}, the band its 95% interval, the dashed line zero, and the shaded stretch where the effect changes most between two neighbouring points (the turning point).`,
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Effect of the rule vs ${field}`,
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'metric', type: 'nominal', title: null, sort: SWEEP_EFFECT_METRICS.map((m) => m.label) },
      columns: 3,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: 220,
        height: 140,
        layer: [
          {
            transform: [{ filter: "datum.kind === 'turn'" }],
            mark: { type: 'rect', color: '#f39c12', opacity: 0.18 },
            encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
          },
          {
            transform: [{ filter: "datum.kind === 'effect'" }],
            mark: { type: 'area', opacity: 0.18 },
            encoding: { x: { field: 'x', type: 'quantitative', title: field, scale: { zero: false } }, y: { field: 'lo', type: 'quantitative', title: null }, y2: { field: 'hi' }, color, detail: { field: 'group' } },
          },
          {
            transform: [{ filter: "datum.kind === 'effect'" }],
            mark: { type: 'line', point: true },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: field, scale: { zero: false } }, y: { field: 'mean', type: 'quantitative', title: null }, color, detail: { field: 'group' },
              tooltip: [
                { field: 'metric', type: 'nominal', title: 'measure' },
                { field: 'x', type: 'quantitative', title: field },
                { field: 'mean', type: 'quantitative', title: 'effect', format: '.4~g' },
                { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.4~g' },
                { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.4~g' },
              ],
            },
          },
          {
            transform: [{ filter: "datum.kind === 'effect' && datum.point === 0" }],
            mark: { type: 'rule', strokeDash: [4, 3], color: '#777' },
            encoding: { y: { datum: 0, type: 'quantitative' } },
          },
        ],
      },
    },
  };
}
