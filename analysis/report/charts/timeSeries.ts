/**
 * The market month by month, with the rule and without: links, originations, mean APR, NPL ratio,
 * exclusion and platform HHI, each with the 95% band of the mean across runs and every change of
 * regime marked. Originations are shown in billions a month.
 */
import type { SeriesRow } from '../data.js';
import { ARM_LABEL, ARM_SCALE, CONFIG, VEGA_LITE_SCHEMA, type Chart, type DataRow } from '../chart.js';
import { DEFAULT_CURRENCY } from '../format.js';
import { changesText, ruleStartLayer, type RegimeChange } from './ruleMarker.js';

/** The panels, money labelled in `currency`. */
export function timeSeriesMetrics(currency = DEFAULT_CURRENCY): readonly { metric: string; label: string; scale: number }[] {
  return [
    { metric: 'links', label: 'bank-platform links', scale: 1 },
    { metric: 'originations', label: `originations (${currency} bn a month)`, scale: 1e-9 },
    { metric: 'aprMean', label: 'mean APR of new loans', scale: 1 },
    { metric: 'nplRatio', label: 'NPL ratio', scale: 1 },
    { metric: 'exclusionRate', label: 'exclusion rate', scale: 1 },
    { metric: 'formalBorrowerShare', label: 'borrowers holding a formal loan', scale: 1 },
    { metric: 'greyBorrowerShare', label: 'borrowers holding a grey loan', scale: 1 },
    { metric: 'dpd1to30', label: '1-30 days past due (share of the book)', scale: 1 },
    { metric: 'platformHHI', label: 'platform HHI', scale: 1 },
  ];
}

/** `changes`: the timeline's changes of regime (regimeChanges), or the rule's month alone. */
export function timeSeriesChart(series: readonly SeriesRow[], changes: number | readonly RegimeChange[], currency = DEFAULT_CURRENCY): Chart {
  const metrics = timeSeriesMetrics(currency);
  const wanted = new Map(metrics.map((m) => [m.metric, m]));
  const rows: DataRow[] = [];
  for (const r of series) {
    const m = wanted.get(r.metric);
    if (!m || r.mean === null) continue;
    const s = (x: number | null) => (x === null ? null : x * m.scale);
    rows.push({ panel: m.label, metric: r.metric, arm: ARM_LABEL[r.arm], month: r.month, mean: s(r.mean), lo: s(r.lo), hi: s(r.hi) });
  }
  const firstMonth = rows.reduce((lo, r) => Math.min(lo, r.month as number), Infinity);
  return {
    name: 'time-series',
    title: 'The market month by month',
    howToRead:
      `Each panel is one measure of the market by reported month, red with the rule and blue without it, the shaded band the 95% interval of the mean across runs and ${changesText(changes)}; where the bands part after the line, the rule made the difference.`,
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'The market with and without the rule',
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'panel', type: 'nominal', title: null, sort: metrics.map((m) => m.label), header: { labelFontWeight: 'bold' } },
      columns: 3,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: 230,
        height: 150,
        layer: [
          {
            mark: { type: 'area', opacity: 0.2 },
            encoding: {
              x: { field: 'month', type: 'quantitative', title: 'month' },
              y: { field: 'lo', type: 'quantitative', title: null, scale: { zero: false } },
              y2: { field: 'hi' },
              color: { field: 'arm', type: 'nominal', title: '', scale: ARM_SCALE },
            },
          },
          {
            mark: { type: 'line', strokeWidth: 1.8 },
            encoding: {
              x: { field: 'month', type: 'quantitative', title: 'month' },
              y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } },
              color: { field: 'arm', type: 'nominal', title: '', scale: ARM_SCALE },
              tooltip: [
                { field: 'panel', type: 'nominal', title: 'measure' },
                { field: 'arm', type: 'nominal' },
                { field: 'month', type: 'quantitative' },
                { field: 'mean', type: 'quantitative', format: '.4~g' },
                { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.4~g' },
                { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.4~g' },
              ],
            },
          },
          ruleStartLayer(changes, `datum.month === ${Number.isFinite(firstMonth) ? firstMonth : 0} && datum.arm === '${ARM_LABEL.policy}'`),
        ],
      },
    },
  };
}
