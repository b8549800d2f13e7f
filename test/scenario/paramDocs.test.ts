import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { noteFor, paramDocsMarkdown, paramRows, schemaLeaves, schemaNodes, unitOf } from '../../sim/scenario/paramDocs.js';
import { PARAM_NOTES } from '../../sim/scenario/paramNotes.js';
import { defaultScenario } from '../../sim/scenario/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const baseYaml = fs.readFileSync(path.join(root, 'scenarios/china-2025.yaml'), 'utf8');
const readme = () => fs.readFileSync(path.join(root, 'scenarios/README.md'), 'utf8');

describe('the parameter reference (scenarios/README.md)', () => {
  it('is the current output of the generator', () => {
    expect(readme() === paramDocsMarkdown(baseYaml), 'scenarios/README.md is out of date: run `npm run docs:params`').toBe(true);
  });

  it('gives every field of the schema, leaf or group, a description (the JSON Schema and editors show it)', () => {
    const nodes = schemaNodes();
    expect(nodes.length).toBeGreaterThan(100);
    const undescribed = nodes.filter((n) => n.description.trim() === '').map((n) => n.path.join('.'));
    expect(undescribed, 'add .describe(...) to these fields in sim/scenario/schema.ts').toEqual([]);
  });

  it('names every leaf of the schema (a named bank\'s fields under banks.named.<id>)', () => {
    const text = readme();
    const absent = schemaLeaves()
      .map((l) => l.path.map((p) => (p === '*' ? '<id>' : p)).join('.'))
      .filter((p) => !text.includes(`\`${p}\``));
    expect(absent).toEqual([]);
  });

  it('has a row, with unit and note, for every value of the base market', () => {
    const rows = paramRows();
    const paths = new Set(rows.map((r) => r.path.join('.')));
    const walk = (v: unknown, p: string[]): string[] =>
      v !== null && typeof v === 'object' && !Array.isArray(v) && !('kind' in v)
        ? Object.entries(v).flatMap(([k, x]) => walk(x, [...p, k]))
        : [p.join('.')];
    expect(walk(defaultScenario(), []).filter((p) => !paths.has(p))).toEqual([]);
    for (const r of rows) {
      expect(r.unit, r.path.join('.')).not.toBe('');
      expect(r.node.description, r.path.join('.')).not.toBe('');
    }
    const text = readme();
    for (const r of rows) expect(text, r.path.join('.')).toContain(`| \`${r.path.join('.')}\` |`);
  });

  it('uses every note of paramNotes.ts (a renamed field leaves no stale note) and takes the most specific', () => {
    const used = new Set(paramRows().map((r) => r.notePattern));
    expect(Object.keys(PARAM_NOTES).filter((k) => !used.has(k))).toEqual([]);
    expect(noteFor(['banks', 'types', 'large', 'fundingCostAnnual'])?.pattern).toBe('banks.types.large.fundingCostAnnual');
    expect(noteFor(['banks', 'types', 'rural', 'fundingCostAnnual'])?.pattern).toBe('banks.types.rural.fundingCostAnnual');
    expect(noteFor(['banks', 'types', 'city', 'hurdleAnnual'])?.pattern).toBe('banks.types.*.hurdleAnnual');
    // A named bank's override without a note of its own takes its type's.
    expect(noteFor(['banks', 'named', 'someBank', 'maxPdAnnual'])?.pattern).toBe('banks.types.*.maxPdAnnual');
    expect(noteFor(['no', 'such', 'field'])).toBeUndefined();
  });

  it('marks the free parameters, and lists them up front', () => {
    const kind = (p: string) => paramRows().find((r) => r.path.join('.') === p)?.note.kind;
    for (const p of [
      'regimes.after.listCostPerPartner', 'regimes.before.listCostPerPartner', 'banks.types.city.riskControlCostMonthly',
      'platforms.head.segmentAffinity.prime', 'platforms.head.bargainingPower', 'banks.types.large.maxPdAnnual',
    ]) expect(kind(p), p).toBe('free');
    expect(kind('borrowers.lgd')).toBe('public');
    expect(kind('banks.types.large.perPartnerCapShare')).toBe('rule');
    const text = readme();
    const summary = text.slice(text.indexOf('## Free parameters'), text.indexOf('## Experiment'));
    for (const pattern of ['regimes.*.listCostPerPartner', 'banks.types.*.riskControlCostMonthly', 'platforms.*.segmentAffinity.*', 'banks.types.*.maxPdAnnual']) {
      expect(summary).toContain(`\`${pattern}\``);
    }
  });

  it('shows values with the base market\'s numbers and units derived from the names', () => {
    const text = readme();
    expect(text).toContain(`| \`market.realBorrowers\` | ${defaultScenario().market.realBorrowers} | people |`);
    expect(text).toMatch(/\| `regimes\.after\.comprehensiveCap` \| 0\.24 \(24%\) \| fraction a year \(APR\); null: none \|/);
    const leaf = (p: string) => schemaLeaves().find((l) => l.path.join('.') === p)!;
    expect(unitOf(['banks', 'types', 'city', 'riskControlCostMonthly'], leaf('banks.types.city.riskControlCostMonthly'))).toBe('RMB, real-market scale, a month per bank');
    expect(unitOf(['platforms', 'head', 'techFeeAnnual'], leaf('platforms.head.techFeeAnnual'))).toBe('fraction a year');
    expect(unitOf(['platforms', 'head', 'markupAnnual', 'prime'], leaf('platforms.head.markupAnnual.prime'))).toBe('fraction a year (APR points)');
    expect(unitOf(['borrowers', 'segments', 'prime', 'propensityMonthly'], leaf('borrowers.segments.prime.propensityMonthly'))).toBe('probability a month');
    expect(() => unitOf(['x', 'mysteryField'], leaf('borrowers.lgd'))).toThrow(/no unit rule for x\.mysteryField/);
  });
});
