/**
 * docs/metrics.md, the metric reference, from the metric table (metricNames.ts): every metric with
 * its unit, whether it is part of the public contract, and its meaning. `npm run docs:metrics`
 * writes it; a test keeps it current.
 */
import { METRICS, type MetricUnit } from './metricNames.js';

const UNIT: Record<MetricUnit, string> = {
  rate: 'fraction (0.24 = 24%)',
  money: 'RMB (the scenario\'s currency), real-market scale',
  index: 'index, 0..1',
  count: 'count',
};

/** The metric reference as Markdown. */
export function metricDocsMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Metrics',
    '',
    'Generated from the metric table (`sim/model/metricNames.ts`) by `npm run docs:metrics`; a test keeps it current.',
    'Every metric is a number per run and month; `summary.json` reports each for the windows `beforeRule`, `afterRule`',
    'and `end` (the mean of the window\'s months in each run, then statistics across runs) and the paired `effect`.',
    'A metric with nothing to measure in a month is left out of that run\'s statistics (its `n` says so). **Contract**',
    'metrics are the public names of CONTRACT.md; the others are the engine\'s own, for the report and the tests, and',
    'may change. A *pending* metric belongs to a mechanism not built yet: it is named, always undefined (`n` = 0).',
    '',
    '| metric | unit | contract | meaning |',
    '| --- | --- | --- | --- |',
  ];
  for (const m of METRICS) {
    const meaning = m.pending ? `${m.description} *Pending: ${m.pending}.*` : m.description;
    lines.push(`| \`${m.name}\` | ${UNIT[m.unit]} | ${m.contract ? 'yes' : 'no'} | ${cell(meaning)} |`);
  }
  return `${lines.join('\n')}\n`;
}
