/**
 * The seed article's arithmetic, computed: per bank type, the annual margin per unit lent on the
 * loans offered to banks of that type, from the APR down through funding, the platform's take, tech
 * fees, credit losses and the list cost to what is left (net), in the policy arm before the rule, in
 * its first months and at the end.
 *
 * A part whose mean is off any sensible scale (|x| > 1, i.e. more than 100% of the amount lent a
 * year, as a list cost spread over almost no lending can be) is drawn to the edge of the axis and
 * labelled with its value, so one outlier does not flatten every other bar.
 */
import { MARGIN_PARTS } from '../../../sim/model/metricNames.js';
import type { Summary } from '../../stats/summary.js';
import { CONFIG, VEGA_LITE_SCHEMA, WINDOW_LABEL, finite, type Chart, type DataRow } from '../chart.js';
import { BANK_TYPE_LABEL, BANK_TYPES, MARGIN_PART_LABEL } from '../labels.js';

const WINDOWS = ['beforeRule', 'afterRule', 'end'] as const;
const KIND_COLORS = { revenue: '#4d4d4d', cost: '#e08a6c', 'net ≥ 0': '#2e8b57', 'net < 0': '#b2182b' } as const;
/** Margins beyond ±this (per unit lent, a year) are off the chart's scale. */
export const MARGIN_SCALE_LIMIT = 1;

export function marginWaterfallChart(summary: Summary): Chart {
  const rows: DataRow[] = [];
  let lo = 0;
  let hi = 0.05;
  const raw: { type: string; window: string; part: string; value: number; start: number; end: number; n: number }[] = [];
  for (const window of WINDOWS) {
    for (const type of BANK_TYPES) {
      const get = (part: string) => summary.arms.policy?.[window]?.[`margin.${type}.${part}`];
      const apr = finite(get('apr')?.mean);
      if (apr === null) continue;
      let level = 0;
      for (const part of MARGIN_PARTS) {
        const s = get(part);
        const value = finite(s?.mean);
        if (value === null) continue;
        let start: number;
        let end: number;
        if (part === 'apr') [start, end] = [0, value];
        else if (part === 'net') [start, end] = [0, value];
        else [start, end] = [level, level - value];
        level = part === 'apr' ? value : part === 'net' ? level : end;
        raw.push({ type, window, part, value, start, end, n: s?.n ?? 0 });
        for (const x of [start, end]) if (Math.abs(x) <= MARGIN_SCALE_LIMIT) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
      }
    }
  }
  const pad = (hi - lo) * 0.08;
  const [dLo, dHi] = [lo - pad, hi + pad];
  const clamp = (x: number) => Math.min(dHi, Math.max(dLo, x));
  for (const r of raw) {
    const offScale = Math.abs(r.start) > MARGIN_SCALE_LIMIT || Math.abs(r.end) > MARGIN_SCALE_LIMIT || r.start < dLo || r.end < dLo || r.start > dHi || r.end > dHi;
    const kind = r.part === 'apr' ? 'revenue' : r.part === 'net' ? (r.value >= 0 ? 'net ≥ 0' : 'net < 0') : 'cost';
    rows.push({
      bankType: BANK_TYPE_LABEL[r.type as keyof typeof BANK_TYPE_LABEL], window: WINDOW_LABEL[r.window as keyof typeof WINDOW_LABEL],
      part: MARGIN_PART_LABEL[r.part as keyof typeof MARGIN_PART_LABEL], kind, value: r.value, start: r.start, end: r.end,
      shownStart: clamp(r.start), shownEnd: clamp(r.end), offScale, label: offScale ? `${r.value.toExponential(1)} (off scale)` : null, n: r.n,
    });
  }
  const partOrder = MARGIN_PARTS.map((p) => MARGIN_PART_LABEL[p]);
  return {
    name: 'margin-waterfall',
    title: 'The margin waterfall per bank type',
    howToRead:
      'Read each small panel left to right: the grey bar is the APR earned per unit lent in a year, each orange step takes away one cost (funding, the platform\'s take, tech fees, expected credit losses, the cost of listing partners), and the last bar is what is left, green when positive and red when not; rows are the months before the rule, its first months and the end (with the rule), columns the bank types.',
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Annual margin per unit lent, with the rule',
      config: CONFIG,
      data: { values: rows },
      facet: {
        column: { field: 'bankType', type: 'nominal', title: null, sort: BANK_TYPES.map((t) => BANK_TYPE_LABEL[t]) },
        row: { field: 'window', type: 'nominal', title: null, sort: WINDOWS.map((w) => WINDOW_LABEL[w]) },
      },
      spec: {
        width: 150,
        height: 120,
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              x: { field: 'part', type: 'nominal', sort: partOrder, title: null, axis: { labelAngle: -45 } },
              y: { field: 'shownStart', type: 'quantitative', title: 'per unit lent, a year', scale: { domain: [dLo, dHi] }, axis: { format: '.0%' } },
              y2: { field: 'shownEnd' },
              color: { field: 'kind', type: 'nominal', title: '', scale: { domain: Object.keys(KIND_COLORS), range: Object.values(KIND_COLORS) } },
              tooltip: [
                { field: 'bankType', type: 'nominal', title: 'bank type' },
                { field: 'window', type: 'nominal' },
                { field: 'part', type: 'nominal' },
                { field: 'value', type: 'quantitative', format: '.2%' },
                { field: 'n', type: 'quantitative', title: 'runs' },
              ],
            },
          },
          {
            transform: [{ filter: 'datum.offScale' }],
            mark: { type: 'text', fontSize: 9, angle: 270, align: 'left', baseline: 'middle', dx: 2, color: '#b2182b' },
            encoding: {
              x: { field: 'part', type: 'nominal', sort: partOrder },
              y: { field: 'shownEnd', type: 'quantitative' },
              text: { field: 'label' },
            },
          },
        ],
      },
    },
  };
}
