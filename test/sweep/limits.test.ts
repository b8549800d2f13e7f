// Sweeps too big to summarize and paths into what every object inherits: refused up front, cleanly.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario, resolveScenarioObject } from '../../sim/scenario/load.js';
import type { Scenario } from '../../sim/scenario/schema.js';
import { checkFieldPath, isPathProblem } from '../../sim/sweep/fieldPaths.js';
import { loadSweep } from '../../sim/sweep/load.js';
import { MAX_SWEEP_POINTS } from '../../sim/sweep/schema.js';
import { problems, ROOT, tempDir, tinyBase, writeFile } from './helpers.js';

describe('sweep limits', () => {
  it('a 100 x 100 grid is refused at once, before any point is resolved, saying why', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'big.yaml', 'sweep: big\nbase: tiny.yaml\nvary:\n  regimes.after.comprehensiveCap: { from: 0.01, to: 1, step: 0.01 }\n  regimes.after.listCostPerPartner: { from: 0, to: 99, step: 1 }\n');
    const t0 = performance.now();
    expect(problems(file).join('\n')).toMatch(new RegExp(`expected at most ${MAX_SWEEP_POINTS} points, received a grid of 100 x 100 = 10000 \\(sweep\\.json holds every point's summary`));
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('an lhs design with more samples than a sweep may have is refused', () => {
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'lhs.yaml', 'sweep: l\nbase: tiny.yaml\ndesign: lhs\nsamples: 5000\nvary:\n  regimes.after.comprehensiveCap: { min: 0.1, max: 0.3 }\n');
    expect(problems(file).join('\n')).toMatch(/samples: expected at most 1000 samples \(points\), received 5000/);
  });

  it('paths that name what every object inherits are unknown fields, not crashes', () => {
    for (const p of ['regimes.after.constructor', 'constructor', 'regimes.toString', 'banks.types.city.__proto__', 'hasOwnProperty']) {
      const r = checkFieldPath(p);
      expect(isPathProblem(r), p).toBe(true);
      expect(isPathProblem(r) && r.message, p).toMatch(/unknown scenario field/);
    }
    const dir = tempDir();
    tinyBase(dir);
    const file = writeFile(dir, 'proto.yaml', 'sweep: p\nbase: tiny.yaml\nvary:\n  regimes.after.constructor: [1, 2]\n');
    expect(problems(file).join('\n')).toMatch(/regimes\.after\.constructor.*unknown scenario field \(no `constructor` in regimes\.after\)/);
  });
});

describe('points resolved the quick way', () => {
  /** A point's scenario resolved from the files, as `lendsim run` would load it (the loader's slow path). */
  function fromFiles(sweepFile: string, values: Record<string, unknown>, runs: number, seed: number): Scenario {
    const doc = parse(readFileSync(sweepFile, 'utf8')) as { base: string; set?: Record<string, unknown> };
    const base = resolve(dirname(sweepFile), doc.base);
    const tree: Record<string, unknown> = {};
    for (const [path, value] of [...Object.entries(doc.set ?? {}), ...Object.entries(values)]) {
      const steps = path.split('.');
      let at = tree;
      for (const s of steps.slice(0, -1)) at = (at[s] ??= {}) as Record<string, unknown>;
      at[steps[steps.length - 1]!] = value;
    }
    const raw = { extends: base, name: loadScenario(base).scenario.name, ...tree, runs, seed };
    return resolveScenarioObject(raw, { file: sweepFile, baseDir: dirname(sweepFile) }).scenario;
  }

  it('are the scenarios resolving each point from the files gives: numbers, null, booleans, enums, lists, mappings', () => {
    const dir = tempDir();
    tinyBase(dir);
    const mixed = writeFile(dir, 'mixed.yaml', [
      'sweep: mixed', 'base: tiny.yaml', 'set:', '  regimes.after.nominalCap: 0.3', 'vary:',
      '  regimes.after.comprehensiveCap: [null, 0.2]', '  regimes.after.guarantees: [hidden, none]',
      '  regimes.after.feesInsideCap: [true, false]', '  borrowers.macroShockLogit: [[0.1], [0.2, -0.3]]',
      '  banks.types.city.policy: [{ kind: exit }, { kind: topK, k: 2 }]', '',
    ].join('\n'));
    const files = [mixed, join(ROOT, 'scenarios', 'cap-list-cost-sweep.yaml'), join(ROOT, 'scenarios', 'city-funding-sweep.yaml')];
    for (const file of files) {
      const plan = loadSweep(file);
      for (const p of plan.points) expect(p.scenario, `${file} point ${p.index}`).toEqual(fromFiles(file, p.values, plan.runs, plan.seed));
    }
  });
});
