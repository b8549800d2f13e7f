/** The metric table is the one declaration of a metric: the series layout and the docs follow from it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricDocsMarkdown } from '../../sim/model/metricDocs.js';
import { METRIC_COUNT, METRIC_INDEX, METRIC_NAMES, METRICS, metricDef } from '../../sim/model/metricNames.js';
import { metricKind } from '../../analysis/report/format.js';

describe('the metric table', () => {
  it('has one entry per name, and the series order is the table order', () => {
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_COUNT);
    METRICS.forEach((d, i) => expect(METRIC_INDEX[d.name]).toBe(i));
  });

  it('sets how the report formats a metric', () => {
    expect(metricKind('originations')).toBe('money');
    expect(metricKind('aprMean.head')).toBe('rate');
    expect(metricKind('platformHHI')).toBe('index');
    expect(metricKind('links')).toBe('count');
    for (const d of METRICS) expect(metricKind(d.name)).toBe(d.unit);
  });

  it('names every contract metric of version 2, none of them pending now the borrower mechanisms are built', () => {
    for (const name of [
      'ledgerResidual', 'bankCapital.city', 'bankNpl.internet', 'nearCapShare', 'platformRevenueRate.head', 'formalBorrowerShare.prime',
      'dpd1to30', 'dpd31to60', 'dpd61to90', 'dpd90plus', 'firstPaymentDefault', 'nplRatioLagged', 'greyBorrowerShare', 'greyOriginations',
      'greyAprMean', 'liquidityDefaultShare', 'consumerSurplus', 'greyInterest',
    ]) {
      expect(metricDef(name)?.contract).toBe(true);
      expect(metricDef(name)?.pending).toBeUndefined();
    }
  });

  it('docs/metrics.md is the current output of the generator (npm run docs:metrics)', () => {
    const file = new URL('../../docs/metrics.md', import.meta.url);
    expect(readFileSync(file, 'utf8') === metricDocsMarkdown(), 'run `npm run docs:metrics`').toBe(true);
  });
});
