// Writes scenarios/README.md, the parameter reference: every value of the base market with its unit,
// meaning, source and why (see sim/scenario/paramDocs.ts). Run `npm run docs:params` after changing
// a field, a default, a comment in scenarios/china-2025.yaml or a note in sim/scenario/paramNotes.ts;
// a test keeps the file current.
import { readFileSync, writeFileSync } from 'node:fs';
import { paramDocsMarkdown } from '../dist/sim/scenario/paramDocs.js';

const yaml = readFileSync(new URL('../scenarios/china-2025.yaml', import.meta.url), 'utf8');
const file = new URL('../scenarios/README.md', import.meta.url);
const text = paramDocsMarkdown(yaml);
let old = '';
try {
  old = readFileSync(file, 'utf8');
} catch {}
writeFileSync(file, text);
console.log(old === text ? 'scenarios/README.md is up to date' : 'scenarios/README.md written');
