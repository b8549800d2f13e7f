// The figures the README and the shipped sweep files state about the commands match what the
// commands do: runs of `npm start`, the base's borrower count, and the sweeps' share of it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../sim/scenario/schema.js';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
const BASE = defaultScenario();
const SHARES: Record<string, number> = { half: 1 / 2, 'a quarter': 1 / 4, 'a tenth': 1 / 10 };

describe('figures in the docs', () => {
  it('npm start: the default scenario\'s runs, and it runs the default scenario', () => {
    expect(README).toContain(`\`npm start\` builds (about 20 s), then runs ${BASE.runs} paired Monte Carlo runs of the default market`);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/main\.js run --fresh$/);
  });

  it('the base\'s borrower count and the S2 check at 4N', () => {
    const n = BASE.borrowers.count;
    expect(README).toContain(`half of the base's ${n.toLocaleString('en-US')} borrowers, \`borrowers.count: ${n / 2}\``);
    expect(README).toContain(`(S2: ${(4 * n).toLocaleString('en-US')} vs ${n.toLocaleString('en-US')},`);
  });

  it('each shipped sweep states its share of the base\'s borrowers right', () => {
    for (const f of readdirSync(join(ROOT, 'scenarios')).filter((x) => x.endsWith('-sweep.yaml'))) {
      const text = readFileSync(join(ROOT, 'scenarios', f), 'utf8');
      for (const m of text.matchAll(/(half|a quarter|a tenth) of the base's (?:simulated )?borrowers/gi)) {
        const count = Number(/borrowers\.count: (\d+)/.exec(text)?.[1]);
        expect(count / BASE.borrowers.count, `${f}: "${m[0]}"`).toBe(SHARES[m[1]!.toLowerCase()]);
      }
      for (const m of text.matchAll(/the base's (\d+) borrowers/g)) expect(Number(m[1]), f).toBe(BASE.borrowers.count);
    }
  });
});
