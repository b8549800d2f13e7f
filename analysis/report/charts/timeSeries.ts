/**
 * The market month by month, with the rule and without: links, originations, mean APR, NPL ratio,
 * exclusion, where the borrowers went, early delinquency and platform HHI, each with the 95% band of
 * the mean across runs and every change of regime marked. Originations are shown in billions a month.
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
  return seriesPanelsChart(series, changes, timeSeriesMetrics(currency), {
    name: 'time-series',
    title: 'The market month by month',
    specTitle: 'The market with and without the rule',
    howToRead:
      `Each panel is one measure of the market by reported month, red with the rule and blue without it, the shaded band the 95% interval of the mean across runs and ${changesText(changes)}; where the bands part after the line, the rule made the difference.`,
  });
}

/** The competition panels (issue 12): the take rate and its split by tier, volume by tier, bunching under the cap. */
export function competitionMetrics(currency = DEFAULT_CURRENCY): readonly { metric: string; label: string; scale: number }[] {
  const tiers = ['head', 'waist', 'tail'] as const;
  return [
    { metric: 'takeRate', label: 'take rate, all platforms', scale: 1 },
    ...tiers.map((t) => ({ metric: `platformRevenueRate.${t}`, label: `take rate, ${t}`, scale: 1 })),
    ...tiers.map((t) => ({ metric: `originations.${t}`, label: `originations, ${t} (${currency} bn a month)`, scale: 1e-9 })),
    { metric: 'nearCapShare', label: 'share of new volume within 1 point under the cap', scale: 1 },
  ];
}

export function competitionSeriesChart(series: readonly SeriesRow[], changes: number | readonly RegimeChange[], currency = DEFAULT_CURRENCY): Chart {
  return seriesPanelsChart(series, changes, competitionMetrics(currency), {
    name: 'competition',
    title: 'Competition month by month: the take rate\'s split and volume by tier',
    specTitle: 'Platform tiers with and without the rule',
    howToRead:
      `Each panel is one measure by reported month, red with the rule and blue without it, the band the 95% interval of the mean across runs and ${changesText(changes)}: the take rate is platform revenue (revenue share, tech fee and fees kept) per unit lent a year, in all and by tier; a tier the scenario does not have has no panel.`,
  });
}

interface PanelsText {
  name: string;
  title: string;
  specTitle: string;
  howToRead: string;
}

/** Faceted monthly panels of `metrics`, both arms, 95% bands, every change of regime marked. */
function seriesPanelsChart(series: readonly SeriesRow[], changes: number | readonly RegimeChange[], metrics: readonly { metric: string; label: string; scale: number }[], text: PanelsText): Chart {
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
    name: text.name,
    title: text.title,
    howToRead: text.howToRead,
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: text.specTitle,
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
