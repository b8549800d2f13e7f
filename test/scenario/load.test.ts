import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { canonicalJson, loadScenario, resolveScenarioObject } from '../../sim/scenario/load.js';
import { defaultScenario } from '../../sim/scenario/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenarios = path.join(root, 'scenarios');
const good = path.join(root, 'test/fixtures/good');

describe('the scenarios shipped in scenarios/', () => {
  const files = fs
    .readdirSync(scenarios)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'scenario.schema.json' && f !== 'sweep.schema.json' && !f.endsWith('-sweep.yaml') && !f.startsWith('sensitivity-'))
    .map((f) => path.join(scenarios, f));

  it('includes the base market and the small test market', () => {
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['china-2025.yaml', 'small.yaml']));
  });

  it.each(files)('%s validates', (file) => {
    expect(() => loadScenario(file)).not.toThrow();
  });

  it('china-2025.yaml states exactly the defaults of the schema (edit both together)', () => {
    expect(loadScenario(path.join(scenarios, 'china-2025.yaml')).scenario).toEqual(defaultScenario());
  });

  it('china-2025.yaml writes every field out explicitly: the file itself, not just its resolution, is the defaults', () => {
    const raw: unknown = parse(fs.readFileSync(path.join(scenarios, 'china-2025.yaml'), 'utf8'));
    expect(raw, 'add the fields of defaultScenario() missing from china-2025.yaml').toEqual(defaultScenario());
  });

  it('small.yaml is the base market made small and fast', () => {
    const { scenario, files: chain } = loadScenario(path.join(scenarios, 'small.yaml'));
    expect(chain).toEqual([path.join(scenarios, 'small.yaml'), path.join(scenarios, 'china-2025.yaml')]);
    expect(scenario).toMatchObject({ name: 'small', runs: 4, months: 18, ruleStartMonth: 6, burnInMonths: 6, borrowers: { count: 5000 } });
    expect(scenario.regimes).toEqual(defaultScenario().regimes);
    expect(scenario).not.toHaveProperty('extends');
  });
});

describe('loadScenario', () => {
  it('names a scenario that does not name itself after its file, not after the file it extends', () => {
    const dir = fs.mkdtempSync(path.join(fs.mkdtempSync('/tmp/lendsim-'), 'x'));
    const file = path.join(dir, 'my-variant.yaml');
    fs.writeFileSync(file, `extends: ${path.join(scenarios, 'small.yaml')}\nruns: 3\n`);
    expect(loadScenario(file).scenario.name).toBe('my-variant');
    expect(loadScenario(path.join(scenarios, 'small.yaml')).scenario.name).toBe('small');
  });

  it("reads `{}` as the defaults (it changes nothing but its name, the file's)", () => {
    const dir = fs.mkdtempSync('/tmp/lendsim-');
    fs.writeFileSync(path.join(dir, 'nothing.yaml'), '{}\n');
    const empty = loadScenario(path.join(dir, 'nothing.yaml'));
    expect(empty.scenario.name).toBe('nothing');
    expect({ ...empty.scenario, name: 'china-2025' }).toEqual(defaultScenario());
  });

  it('reads JSON files', () => {
    const { scenario } = loadScenario(path.join(good, 'minimal.json'));
    expect(scenario.name).toBe('minimal-json');
    expect(scenario.regimes.after.comprehensiveCap).toBe(0.2);
    expect(scenario.regimes.after.nominalCap).toBe(defaultScenario().regimes.after.nominalCap);
  });

  it('follows a chain of extends, each relative to its file, later files winning', () => {
    const top = path.join(good, 'chain-top.yaml');
    const { scenario, files } = loadScenario(path.relative(process.cwd(), top));
    expect(files).toEqual([top, path.join(good, 'chain-middle.yaml'), path.join(scenarios, 'small.yaml'), path.join(scenarios, 'china-2025.yaml')]);
    expect(scenario.name).toBe('chain-top'); // top overrides middle
    expect(scenario.runs).toBe(2); // middle overrides small
    expect(scenario.borrowers.count).toBe(5000); // from small
    expect(scenario.regimes.after).toEqual({ ...defaultScenario().regimes.after, comprehensiveCap: 0.2, maxPartnersPerBank: 10 });
    expect(scenario.regimes.before.comprehensiveCap).toBe(0.3);
  });

  it('keeps null as a value through a chain (null is "no cap", not "inherit")', () => {
    const { scenario } = resolveScenarioObject(
      { extends: 'china-2025.yaml', regimes: { after: { comprehensiveCap: null } } },
      { file: 'inline.yaml', baseDir: scenarios },
    );
    expect(scenario.regimes.after.comprehensiveCap).toBeNull();
  });

  it('hashes the resolved scenario: same scenario, same hash, however it is written', () => {
    const a = loadScenario(path.join(scenarios, 'small.yaml'));
    const b = resolveScenarioObject(
      { burnInMonths: 6, borrowers: { count: 5000 }, months: 18, ruleStartMonth: 6, runs: 4, name: 'small', extends: 'china-2025.yaml' },
      { file: 'inline.yaml', baseDir: scenarios },
    );
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const c = resolveScenarioObject({ ...b.scenario, runs: 5 }, { file: 'inline.yaml', baseDir: scenarios });
    expect(c.hash).not.toBe(a.hash);
  });
});

describe('resolveScenarioObject (for code that builds scenarios, e.g. sweep points)', () => {
  it('applies an override on top of an extended file and re-validates', () => {
    const raw = { extends: 'small.yaml', regimes: { after: { comprehensiveCap: 0.18 } } };
    const { scenario, files } = resolveScenarioObject(raw, { file: path.join(scenarios, 'sweep-point.yaml'), baseDir: scenarios });
    expect(scenario.regimes.after.comprehensiveCap).toBe(0.18);
    expect(scenario.name).toBe('small');
    expect(files).toEqual([path.join(scenarios, 'sweep-point.yaml'), path.join(scenarios, 'small.yaml'), path.join(scenarios, 'china-2025.yaml')]);
  });

  it('refuses an override that breaks the scenario, naming the given file', () => {
    expect(() => resolveScenarioObject({ extends: 'small.yaml', months: 3 }, { file: 'point-3', baseDir: scenarios })).toThrow(
      /point-3.*ruleStartMonth: the rule must start within the reported months: expected 0\.\.2 \(months is 3\), received 6/,
    );
  });
});

describe('canonicalJson', () => {
  it('sorts mapping keys at every depth and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ a: { c: 1, d: 2 }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: 2, c: 1 } }));
  });
});
