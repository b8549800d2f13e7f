/**
 * The article's banks month by month: each named bank's listed partners, with and without the rule,
 * with the 95% band of the mean across runs and the rule's start marked.
 */
import type { Arm } from '../../../sim/model/result.js';
import type { Distributions } from '../../stats/distributions.js';
import { ARM_LABEL, ARM_SCALE, CONFIG, VEGA_LITE_SCHEMA, finite, type Chart, type DataRow } from '../chart.js';
import { changesText, regimeChanges, ruleStartLayer } from './ruleMarker.js';

const ARMS: readonly Arm[] = ['policy', 'counterfactual'];

export function namedBankPartnersChart(d: Distributions): Chart {
  const names = new Map(d.namedBanks.map((b) => [b.id, b.name]));
  const rows: DataRow[] = [];
  for (const arm of ARMS) {
    for (const bank of d.arms[arm]?.namedBankPartners ?? []) {
      bank.mean.forEach((m, month) => {
        const mean = finite(m);
        if (mean === null) return;
        rows.push({ bank: names.get(bank.id) ?? bank.id, bankId: bank.id, arm: ARM_LABEL[arm], month, mean, lo: finite(bank.lo[month]), hi: finite(bank.hi[month]) });
      });
    }
  }
  // Only banks with data get a panel, and the grid has no empty cell: as many columns as banks up to
  // five, else the widest of 5, 4, 3 that fills every row (else 3).
  const present = new Set(rows.map((r) => r.bankId));
  const order = d.namedBanks.filter((b) => present.has(b.id)).map((b) => b.name);
  const columns = facetColumns(order.length);
  return {
    name: 'named-bank-partners',
    title: "The article's banks, month by month",
    howToRead:
      `Each panel is one of the named banks of the seed article and shows how many platforms it lists in each reported month, red with the rule and blue without, the band the 95% interval across runs and ${changesText(regimeChanges(d, d.ruleStartMonth))}; the article's story is the red line falling to a handful of partners (the internet bank) or to none (the small city banks).`,
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Listed platform partners of the named banks',
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'bank', type: 'nominal', title: null, sort: order },
      columns,
      // Lay the grid out by the panels alone (a long bank name in a header does not widen its column),
      // so five panels fit the report's 1180 px.
      bounds: 'flush',
      spacing: 24,
      spec: {
        width: columns > 3 ? 170 : 230,
        height: 140,
        layer: [
          {
            mark: { type: 'area', opacity: 0.2 },
            encoding: {
              x: { field: 'month', type: 'quantitative', title: 'month' },
              y: { field: 'lo', type: 'quantitative', title: 'partners' },
              y2: { field: 'hi' },
              color: { field: 'arm', type: 'nominal', title: '', scale: ARM_SCALE },
            },
          },
          {
            mark: { type: 'line', strokeWidth: 1.8 },
            encoding: {
              x: { field: 'month', type: 'quantitative', title: 'month' },
              y: { field: 'mean', type: 'quantitative', title: 'partners' },
              color: { field: 'arm', type: 'nominal', title: '', scale: ARM_SCALE },
              tooltip: [
                { field: 'bank', type: 'nominal' },
                { field: 'arm', type: 'nominal' },
                { field: 'month', type: 'quantitative' },
                { field: 'mean', type: 'quantitative', title: 'partners', format: '.1f' },
                { field: 'lo', type: 'quantitative', title: '95% CI low', format: '.1f' },
                { field: 'hi', type: 'quantitative', title: '95% CI high', format: '.1f' },
              ],
            },
          },
          ruleStartLayer(regimeChanges(d, d.ruleStartMonth), `datum.month === 0 && datum.arm === '${ARM_LABEL.policy}'`),
        ],
      },
    },
  };
}

/** Columns of a facet grid of `n` panels with no empty cell where possible (see above). */
export function facetColumns(n: number): number {
  if (n <= 5) return Math.max(1, n);
  return [5, 4, 3].find((c) => n % c === 0) ?? 3;
}
