import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../sim/scenario/jsonSchema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the JSON Schema of scenario files', () => {
  it('scenarios/scenario.schema.json is the current output of `lendsim schema`', () => {
    const file = fs.readFileSync(path.join(root, 'scenarios/scenario.schema.json'), 'utf8');
    expect(file === scenarioJsonSchemaText(), 'scenarios/scenario.schema.json is out of date: run `npx lendsim schema > scenarios/scenario.schema.json`').toBe(true);
  });

  it('is draft 2020-12, titled, and lists every top-level field of the contract', () => {
    const schema = scenarioJsonSchema() as { $schema: string; title: string; properties: Record<string, unknown>; additionalProperties: unknown };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('lendsim scenario');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['name', 'extends', 'seed', 'runs', 'months', 'ruleStartMonth', 'borrowers', 'banks', 'platforms', 'regimes']),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  it('requires nothing of a file (a file names only what it changes) and states ranges', () => {
    const text = scenarioJsonSchemaText();
    expect(text).not.toMatch(/"required"/);
    const cap = (scenarioJsonSchema() as any).properties.regimes.properties.after.properties.comprehensiveCap;
    expect(cap.anyOf).toEqual(expect.arrayContaining([{ type: 'null' }, expect.objectContaining({ type: 'number', minimum: 0, maximum: 1 })]));
  });

  it('has a property for every key written in china-2025.yaml (spot check of the tree)', () => {
    const raw = parse(fs.readFileSync(path.join(root, 'scenarios/china-2025.yaml'), 'utf8')) as Record<string, unknown>;
    const props = (scenarioJsonSchema() as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(Object.keys(raw)));
  });
});
