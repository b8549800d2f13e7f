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

/**
 * The price line of every regime of the scenario (the timeline's): the lowest of its comprehensive
 * cap and its outer line, the most a borrower can be charged in all. Regimes with the same line share
 * it; the label names them.
 */
export function capLines(d: Distributions): { line: number; label: string }[] {
  const byLine = new Map<number, string[]>();
  for (const [name, r] of Object.entries(d.regimes ?? {})) {
    const comprehensive = typeof r?.comprehensiveCap === 'number' ? r.comprehensiveCap : Infinity;
    const outer = typeof r?.outerCap === 'number' ? r.outerCap : Infinity;
    const line = Math.min(comprehensive, outer);
    if (!Number.isFinite(line)) continue;
    byLine.set(line, [...(byLine.get(line) ?? []), name]);
  }
  if (byLine.size === 0) byLine.set(0.24, ['24%']);
  return [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([line, names]) => ({ line, label: `${names.join(', ')} ${+(line * 100).toFixed(2)}%` }));
}

export function aprDistributionChart(d: Distributions): Chart {
  const width = d.aprBinWidth;
  const caps = capLines(d);
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
  const maxApr = Math.max(0.3, (top + 4) * width, ...caps.map((c) => c.line + 2 * width));
  const shown = rows.filter((r) => (r.aprFrom as number) < maxApr);
  return {
    name: 'apr-distribution',
    title: 'New-loan prices: comprehensive APR vs nominal rate',
    howToRead:
      `Each panel shows how new lending (by volume) spreads over prices in ${(width * 100).toFixed(1)}-point bins, the red line for the comprehensive APR the borrower pays and the grey line for the nominal rate; before the rule the red mass sits to the right of the grey (fees outside the cap), and with the rule both must fall left of the dashed line of the regime in force (${caps.map((c) => c.label).join('; ')}).`,
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
          // One dashed line per regime's price line, labelled at the top (drawn once per panel).
          ...caps.flatMap((c, j) => [
            {
              transform: [{ filter: `datum.aprFrom === 0 && datum.price === '${PRICES[0].label}'` }],
              mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#555' },
              encoding: { x: { datum: c.line, type: 'quantitative' as const } },
            },
            {
              transform: [{ filter: `datum.aprFrom === 0 && datum.price === '${PRICES[0].label}'` }],
              mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, dy: 2 + 11 * j, fontSize: 9, color: '#555' },
              encoding: { x: { datum: c.line, type: 'quantitative' as const }, y: { value: 0 }, text: { value: c.label } },
            },
          ]),
        ],
      },
    },
  };
}
