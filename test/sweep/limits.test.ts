// Sweeps too big to summarize and paths into what every object inherits: refused up front, cleanly.
import { describe, expect, it } from 'vitest';
import { checkFieldPath, isPathProblem } from '../../sim/sweep/fieldPaths.js';
import { MAX_SWEEP_POINTS } from '../../sim/sweep/schema.js';
import { problems, tempDir, tinyBase, writeFile } from './helpers.js';

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
