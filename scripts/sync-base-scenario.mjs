// Writes the schema's defaults (the calibrated base market) into scenarios/china-2025.yaml in place,
// keeping the file's comments and layout: change a default in sim/scenario/schema.ts, then run
// `npm run build && node scripts/sync-base-scenario.mjs`. A test keeps the two equal. Only values
// of keys the file already has are rewritten; a new field is reported for a person to place.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument, isScalar, stringify } from 'yaml';
import { defaultScenario } from '../dist/sim/scenario/schema.js';

const file = new URL('../scenarios/china-2025.yaml', import.meta.url);
let text = readFileSync(file, 'utf8');
const doc = parseDocument(text, { keepSourceTokens: true });
const edits = [];
const missing = [];
function sync(path, value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) sync([...path, k], v);
    return;
  }
  const node = doc.getIn(path, true);
  if (node === undefined) return missing.push(path.join('.'));
  const current = isScalar(node) ? node.value : node.toJSON();
  if (JSON.stringify(current) === JSON.stringify(value)) return;
  const flow = stringify(value, { flow: true }).trim();
  edits.push({ start: node.range[0], end: node.range[1], text: flow, path: path.join('.'), from: current });
}
sync([], defaultScenario());
for (const e of edits.sort((a, b) => b.start - a.start)) {
  text = text.slice(0, e.start) + e.text + text.slice(e.end);
  console.log(`${e.path}: ${JSON.stringify(e.from)} -> ${e.text}`);
}
writeFileSync(file, text);
console.log(`${edits.length} value(s) updated in scenarios/china-2025.yaml`);
if (missing.length) {
  console.log(`not in the file (add them by hand, with their source): ${missing.join(', ')}`);
  process.exitCode = 1;
}
