// The sweep files in scenarios/ and the published JSON Schema of sweep files.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../sim/sweep/load.js';
import { sweepJsonSchema, sweepJsonSchemaText } from '../../sim/sweep/jsonSchema.js';
import { CLI, ROOT, tempDir, tinyBase, writeFile } from './helpers.js';

const scenarios = join(ROOT, 'scenarios');
const sweepFiles = readdirSync(scenarios).filter((f) => f.endsWith('-sweep.yaml')).sort();

describe('the JSON Schema of sweep files', () => {
  it('scenarios/sweep.schema.json is the current output of `lendsim schema --sweep`', () => {
    const file = readFileSync(join(scenarios, 'sweep.schema.json'), 'utf8');
    expect(file === sweepJsonSchemaText(), 'scenarios/sweep.schema.json is out of date (it lists the scenario\'s field paths): run `npx lendsim schema --sweep > scenarios/sweep.schema.json`').toBe(true);
  });

  it('offers every scenario field path under set and vary, and the three axis forms', () => {
    const s = sweepJsonSchema() as any;
    expect(s.title).toBe('lendsim sweep');
    expect(s.required).toEqual(['sweep', 'base', 'vary']);
    const names = s.properties.vary.propertyNames.anyOf;
    expect(names[0].enum).toEqual(expect.arrayContaining(['regimes.after.comprehensiveCap', 'banks.types.city.fundingCostAnnual', 'platforms.tail.visibility']));
    expect(names[0].enum).not.toContain('seed');
    expect(new RegExp(names[1].pattern).test('banks.named.yillion.initialPartners')).toBe(true);
    expect(s.properties.vary.additionalProperties.anyOf).toHaveLength(3);
    expect(s.properties.design.enum).toEqual(['grid', 'lhs']);
  });

  it('`lendsim schema --sweep` prints it', () => {
    const r = spawnSync(process.execPath, [CLI, 'schema', '--sweep'], { encoding: 'utf8' });
    expect(r.stdout).toBe(sweepJsonSchemaText());
  });
});

describe('the ready-made sweeps', () => {
  it('are the five the README lists, each pointing editors at the schema', () => {
    expect(sweepFiles).toEqual(['bureau-visibility-sweep.yaml', 'cap-list-cost-sweep.yaml', 'cap-sweep.yaml', 'city-funding-sweep.yaml', 'list-cost-sweep.yaml']);
    for (const f of sweepFiles) expect(readFileSync(join(scenarios, f), 'utf8')).toMatch(/^# yaml-language-server: \$schema=sweep\.schema\.json\n/);
  });

  for (const f of sweepFiles) {
    it(`${f} loads: every point resolves against the scenario schema`, () => {
      const plan = loadSweep(join(scenarios, f));
      expect(plan.points.length).toBeGreaterThan(1);
      expect(plan.points.length * plan.runs).toBeLessThanOrEqual(35 * 16);
    });
  }

  it('cap-sweep is the comprehensive cap from 0.12 to 0.36 by 0.02, the one cap that binds', () => {
    const plan = loadSweep(join(scenarios, 'cap-sweep.yaml'));
    expect(plan.points.map((p) => p.values['regimes.after.comprehensiveCap'])).toEqual([0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32, 0.34, 0.36]);
    for (const p of plan.points) {
      expect(p.scenario.regimes.after.outerCap).toBeGreaterThanOrEqual(0.36);
      expect(p.scenario.regimes.after.nominalCap).toBeGreaterThanOrEqual(0.36);
      expect(p.scenario.name).toBe('china-2025');
    }
    expect(loadSweep(join(scenarios, 'cap-list-cost-sweep.yaml')).points).toHaveLength(35);
  });
});

describe('lendsim check on sweep files', () => {
  it('says ok or lists every problem; --print shows the points', () => {
    const dir = tempDir();
    tinyBase(dir);
    const good = writeFile(dir, 'good.yaml', 'sweep: g\nbase: tiny.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.2, 0.3]\n');
    const bad = writeFile(dir, 'bad.yaml', 'sweep: b\nbase: tiny.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.2, 30]\n');
    const ok = spawnSync(process.execPath, [CLI, 'check', good, join(ROOT, 'scenarios/small.yaml')], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(`ok ${good}\nok ${join(ROOT, 'scenarios/small.yaml')}\n`);
    const r = spawnSync(process.execPath, [CLI, 'check', good, bad], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:3: regimes.after.comprehensiveCap: expected a fraction <= 1, received 30 (rates are fractions: write 0.3 for 30%)`);
    const p = spawnSync(process.execPath, [CLI, 'check', '--print', good], { encoding: 'utf8' });
    expect(JSON.parse(p.stdout)).toMatchObject({ sweep: 'g', design: 'grid', fields: ['regimes.after.comprehensiveCap'], points: [{ point: 0, values: { 'regimes.after.comprehensiveCap': 0.2 } }, { point: 1 }] });
  });
});
