/**
 * Multi-borrowing and default: the annualized default rate of borrowers by how many loans they hold
 * at once (over every reported month), in both arms, with 95% intervals across runs.
 */
import type { Arm } from '../../../sim/model/result.js';
import type { Distributions } from '../../stats/distributions.js';
import { ARM_LABEL, ARM_SCALE, CONFIG, VEGA_LITE_SCHEMA, finite, type Chart, type DataRow } from '../chart.js';

const ARMS: readonly Arm[] = ['policy', 'counterfactual'];

export function defaultsByLoansChart(d: Distributions): Chart {
  const rows: DataRow[] = [];
  for (const arm of ARMS) {
    const a = d.arms[arm];
    const rate = a?.defaultRateByLoans;
    if (!rate) continue;
    rate.mean.forEach((m, loans) => {
      const mean = finite(m);
      if (loans === 0 || mean === null) return;
      rows.push({
        arm: ARM_LABEL[arm], loans, mean, lo: finite(rate.lo[loans]), hi: finite(rate.hi[loans]), n: rate.n[loans] ?? 0,
        borrowerMonths: finite(a.exposureByLoans?.[loans]), defaults: finite(a.defaultsByLoans?.[loans]),
      });
    });
  }
  const tooltip = [
    { field: 'arm', type: 'nominal' as const },
    { field: 'loans', type: 'quantitative' as const, title: 'concurrent loans' },
    { field: 'mean', type: 'quantitative' as const, title: 'default rate', format: '.2%' },
    { field: 'lo', type: 'quantitative' as const, title: '95% CI low', format: '.2%' },
    { field: 'hi', type: 'quantitative' as const, title: '95% CI high', format: '.2%' },
    { field: 'borrowerMonths', type: 'quantitative' as const, title: 'borrower-months (mean per run)', format: ',.0f' },
  ];
  return {
    name: 'defaults-by-loans',
    title: 'Default rate by number of concurrent loans',
    howToRead:
      'Each point is the annualized default rate of borrowers holding that many loans at once, over all reported months, with its 95% interval across runs (red with the rule, blue without); points that climb to the right are multi-borrowing raising default risk (intervals are cut at 0).',
    rows,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Annualized default rate by concurrent loans',
      config: CONFIG,
      data: { values: rows },
      width: 360,
      height: 220,
      encoding: {
        x: { field: 'loans', type: 'ordinal', title: 'loans held at once', axis: { labelAngle: 0 } },
        xOffset: { field: 'arm', type: 'nominal', sort: ARM_SCALE.domain },
        color: { field: 'arm', type: 'nominal', title: '', scale: ARM_SCALE },
      },
      layer: [
        { mark: { type: 'rule', strokeWidth: 1.5, clip: true }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, tooltip } },
        { mark: { type: 'point', filled: true, size: 50 }, encoding: { y: { field: 'mean', type: 'quantitative', title: 'annualized default rate', axis: { format: '.0%' }, scale: { domainMin: 0 } }, tooltip } },
      ],
    },
  };
}
