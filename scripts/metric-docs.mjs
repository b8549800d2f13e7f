// Writes docs/metrics.md, the metric reference, from the metric table (sim/model/metricNames.ts).
// Run `npm run docs:metrics` after adding or changing a metric; a test keeps the file current.
import { readFileSync, writeFileSync } from 'node:fs';
import { metricDocsMarkdown } from '../dist/sim/model/metricDocs.js';

const file = new URL('../docs/metrics.md', import.meta.url);
const text = metricDocsMarkdown();
let old = '';
try {
  old = readFileSync(file, 'utf8');
} catch {}
writeFileSync(file, text);
console.log(old === text ? 'docs/metrics.md is up to date' : 'docs/metrics.md written');
