/**
 * New-loan prices before and after the rule: the volume-weighted distribution of the comprehensive
 * APR (everything the borrower pays) against the nominal rate. The distance between the two curves
 * is the hidden-fee gap: guarantee and consulting fees that sat outside the 24% line before the rule.
 */
import type { Distributions } from '../../stats/distributions.js';
import { ARM_LABEL, CONFIG, VEGA_LITE_SCHEMA, type Chart, type DataRow } from '../chart.js';

const PANELS = [
  { arm: 'policy', hist: 'Before', label: 'before the rule' },
  { arm: 'policy', hist: 'End', label: `end, ${ARM_LABEL.policy}` },
  { arm: 'counterfactual', hist: 'End', label: `end, ${ARM_LABEL.counterfactual}` },
] as const;
const PRICES = [
  { key: 'apr', label: 'comprehensive APR', color: '#c0392b' },
  { key: 'nominal', label: 'nominal rate', color: '#777' },
] as const;

/** Line at the comprehensive cap of the after regime, when it has one (else at 24%). */
function capOf(d: Distributions): number {
  const cap = d.regimes?.after?.comprehensiveCap;
  return typeof cap === 'number' ? cap : 0.24;
}

export function aprDistributionChart(d: Distributions): Chart {
  const width = d.aprBinWidth;
  const rows: DataRow[] = [];
  let top = 0;
  for (const panel of PANELS) {
    for (const price of PRICES) {
      const hist = d.arms[panel.arm]?.[`${price.key}Hist${panel.hist}` as 'aprHistBefore'] ?? null;
      if (!hist) continue;
      const total = hist.reduce((s: number, x) => s + (x ?? 0), 0);
      if (!(total > 0)) continue;
      hist.forEach((x, k) => {
        const share = (x ?? 0) / total;
        if (share > 0) top = Math.max(top, k + 1);
        rows.push({ panel: panel.label, price: price.label, aprFrom: k * width, aprTo: (k + 1) * width, share, volume: x ?? 0 });
      });
    }
  }
  // Keep the bins up to the highest price seen (and 2 points beyond), so the axis shows where loans are.
  const maxApr = Math.max(0.3, (top + 4) * width);
  const shown = rows.filter((r) => (r.aprFrom as number) < maxApr);
  const cap = capOf(d);
  return {
    name: 'apr-distribution',
    title: 'New-loan prices: comprehensive APR vs nominal rate',
    howToRead:
      `Each panel shows how new lending (by volume) spreads over prices in ${(width * 100).toFixed(1)}-point bins, the red line for the comprehensive APR the borrower pays and the grey line for the nominal rate; before the rule the red mass sits to the right of the grey (fees outside the cap), and with the rule both must fall left of the dashed ${(cap * 100).toFixed(0)}% line.`,
    rows: shown,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Distribution of new-loan prices (share of volume)',
      config: CONFIG,
      data: { values: shown },
      facet: { column: { field: 'panel', type: 'nominal', title: null, sort: PANELS.map((p) => p.label) } },
      spec: {
        width: 260,
        height: 200,
        layer: [
          {
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.6 },
            encoding: {
              x: { field: 'aprFrom', type: 'quantitative', title: 'annual rate', axis: { format: '.0%' }, scale: { domain: [0, maxApr] } },
              y: { field: 'share', type: 'quantitative', title: 'share of new-loan volume', axis: { format: '.0%' } },
              color: { field: 'price', type: 'nominal', title: '', scale: { domain: PRICES.map((p) => p.label), range: PRICES.map((p) => p.color) } },
              tooltip: [
                { field: 'price', type: 'nominal' },
                { field: 'aprFrom', type: 'quantitative', title: 'from', format: '.1%' },
                { field: 'aprTo', type: 'quantitative', title: 'to', format: '.1%' },
                { field: 'share', type: 'quantitative', format: '.2%' },
              ],
            },
          },
          {
            transform: [{ filter: `datum.aprFrom === 0 && datum.price === '${PRICES[0].label}'` }],
            mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
            encoding: { x: { datum: cap, type: 'quantitative' } },
          },
        ],
      },
    },
  };
}
