// lendsim sensitivity end to end on a tiny market: the design becomes a sweep with common random
// numbers, the indices come from each point's mean effect, the files are written, and bad input
// exits 2 with every problem named by file and field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { morrisIndices } from '../../analysis/sensitivity/indices.js';
import type { SensitivityResult } from '../../sim/run/sensitivity.js';
import { loadSensitivity } from '../../sim/sensitivity/load.js';
import type { SweepResult } from '../../analysis/sweep/sweepOutputs.js';
import { lendsim, ROOT } from '../run/helpers.js';
import { tempDir, tinyBase, writeFile } from '../sweep/helpers.js';

const file = (dir: string, extra = '') => {
  tinyBase(dir);
  return writeFile(dir, 'sens.yaml', [
    'sensitivity: tiny-sens', 'base: tiny.yaml', 'set: { outputs.runsCsv: false }',
    'parameters:', '  platforms.head.bargainingPower: { min: 0.3, max: 0.7 }', '  platforms.exitAfterMonths: { min: 2, max: 6 }',
    'method: morris', 'samples: 2', 'runs: 2', 'seed: 7', 'metrics: [links, defaultRate]', extra,
  ].join('\n'));
};

describe('lendsim sensitivity', () => {
  it('loads a Morris design: r (k + 1) points on the 4-level grid of each range, integers rounded, the same seed everywhere', () => {
    const plan = loadSensitivity(file(tempDir()));
    expect(plan.sweep.points).toHaveLength(2 * 3);
    for (const p of plan.sweep.points) {
      expect([0.3, 0.3 + 0.4 / 3, 0.3 + 0.8 / 3, 0.7].some((v) => Math.abs(v - (p.values['platforms.head.bargainingPower'] as number)) < 1e-12)).toBe(true);
      expect([2, 3, 5, 6]).toContain(p.values['platforms.exitAfterMonths']);
      expect(p.scenario.platforms.exitAfterMonths).toBe(p.values['platforms.exitAfterMonths']);
      expect(p.scenario).toMatchObject({ seed: 7, runs: 2, borrowers: { count: 2000 }, outputs: { runsCsv: false } });
    }
  });

  it('CLI: writes sensitivity.json and .csv whose indices are those of the points\' mean effects; --resume re-summarizes to the same bytes', () => {
    const dir = tempDir();
    const f = file(dir);
    const out = join(dir, 'out');
    const r = lendsim(['sensitivity', f, '--out', out, '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(join(out, 'sensitivity.json'), 'utf8');
    const s = JSON.parse(text) as SensitivityResult;
    expect(s).toMatchObject({ sensitivity: 'tiny-sens', method: 'morris', samples: 2, points: 6, runs: 2, seed: 7 });
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as SweepResult;
    const plan = loadSensitivity(f);
    const links = morrisIndices(plan.morris!, sweep.points.map((p) => p.summary.effect.links!.mean!), 7);
    expect(s.indices.links!['platforms.head.bargainingPower']).toEqual(JSON.parse(JSON.stringify(links[0])));
    expect(Object.keys(s.indices)).toEqual(['links', 'defaultRate']);
    const csv = readFileSync(join(out, 'sensitivity.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('metric,parameter,index,value,conf');
    expect(csv).toHaveLength(1 + 2 * 2 * 3);
    const again = lendsim(['sensitivity', f, '--out', out, '--workers', '1', '--quiet', '--resume', '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(text);
  }, 120_000);

  it('bad input: every problem at once with file, line and field, exit 2, no stack', () => {
    const dir = tempDir();
    tinyBase(dir);
    const f = writeFile(dir, 'bad.yaml', [
      'sensitivity: bad', 'base: tiny.yaml', 'parameters:', '  platforms.head.bargainPower: { min: 0.3, max: 0.7 }', '  regimes.after.guarantees: { min: 0, max: 1 }',
      '  platforms.exitAfterMonths: { min: 6, max: 2 }', 'method: sobol', 'levels: 3', 'samples: 4', 'metrics: [links, nope]',
    ].join('\n'));
    const r = lendsim(['sensitivity', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:4:3: parameters\["platforms.head.bargainPower"\]: unknown scenario field.*did you mean `platforms.head.bargainingPower`/);
    expect(r.stderr).toMatch(/regimes\.after\.guarantees\S*: expected a numeric field/);
    expect(r.stderr).toMatch(/expected min < max, received min 6, max 2/);
    expect(r.stderr).toMatch(/unknown metric "nope"/);
    expect(r.stderr).toMatch(/levels.*even/);
    expect(r.stderr).toMatch(/levels.*Morris setting/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the shipped sensitivity file', () => {
  it('scenarios/sensitivity-morris.yaml loads: 6 trajectories of 4 parameters, 30 points of the base market at 20,000 borrowers', () => {
    const plan = loadSensitivity(join(ROOT, 'scenarios/sensitivity-morris.yaml'));
    expect(plan.sweep.points).toHaveLength(30);
    expect(plan.parameters.map((p) => p.path)).toEqual(['platforms.head.bargainingPower', 'banks.firewallTightening', 'banks.types.large.hurdleAnnual', 'platforms.exitAfterMonths']);
    expect(plan.sweep.points[0]!.scenario.borrowers.count).toBe(20000);
  });
});
