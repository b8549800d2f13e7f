// Results that do not depend on the Node version: the engine's powers are exact (intPow, not
// Math.pow, whose last bit differs between Node 20 and 24); the same experiment on Node 20 and Node 24
// (the other major brought up with `npx -p node@NN`) writes the same bytes; and runs of two Node
// majors are never mixed: the run store and the shard identity record the Node major, so resuming a
// store or merging shards made under another is refused. Where the other Node cannot be brought up
// the cross-version comparison is skipped with a loud message (with CI=true it fails).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intPow } from '../../sim/math/intPow.js';
import { runtimeIdentity } from '../../sim/run/manifest.js';
import { CLI, fixturePath, lendsim, ROOT, tempDir } from './helpers.js';

const CI = process.env.CI === 'true';
const MAJOR = Number(process.versions.node.split('.')[0]);
const OTHER = MAJOR >= 24 ? 20 : 24;

describe('exact powers', () => {
  it('intPow multiplies by squaring: exact where the result is representable, within rounding elsewhere', () => {
    expect(intPow(2, 10)).toBe(1024);
    expect(intPow(3, 0)).toBe(1);
    expect(intPow(1.5, -2)).toBe(1 / 2.25);
    expect(intPow(-2, 5)).toBe(-32);
    for (const x of [0.99, 0.987654321, 1.0125, 1.02, 0.5, 0.123]) {
      for (const n of [1, 2, 3, 12, 36, -12, -36, 120]) expect(Math.abs(intPow(x, n) / Math.pow(x, n) - 1), `${x}^${n}`).toBeLessThan(1e-13);
    }
    expect(() => intPow(2, 0.5)).toThrow(/integer/);
  });

  it('the annual default rate and the instalment use it, not Math.pow', () => {
    for (const f of ['sim/model/metrics.ts', 'sim/agents/loans.ts', 'analysis/stats/distributions.ts']) {
      const code = readFileSync(join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, f).not.toMatch(/Math\.pow|\*\*/);
      expect(code, f).toMatch(/intPow\(/);
    }
  });
});

describe('the Node major in stores and shards', () => {
  it('runtimeIdentity names the lendsim version and the Node major', () => {
    expect(runtimeIdentity()).toMatch(new RegExp(`^\\d+\\.\\d+\\.\\d+\\S* on Node ${MAJOR}$`));
  });

  it('a store made under another Node major is not resumed', () => {
    const dir = tempDir();
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, 'name: tiny\nruns: 2\nmonths: 8\nruleStartMonth: 4\n');
    const out = join(dir, 'out');
    const synthetic = ['--runner', fixturePath('synthetic.mjs')];
    expect(lendsim(['run', file, '--out', out, '--quiet', ...synthetic]).status).toBe(0);
    const metaFile = join(out, 'runs', 'meta.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    expect(meta.lendsim).toBe(runtimeIdentity());
    writeFileSync(metaFile, JSON.stringify({ ...meta, lendsim: meta.lendsim.replace(/Node \d+$/, 'Node 18') }));
    const r = lendsim(['run', file, '--out', out, '--resume', ...synthetic]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`lendsim version: stored runs made by ${runtimeIdentity().replace(/Node \d+$/, 'Node 18')}, this is ${runtimeIdentity()}`);
  });
});

/** `npx -y -p node@OTHER -c CMD` in `cwd`; null when that Node cannot be brought up. */
function otherNode(cmd: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['-y', '-p', `node@${OTHER}`, '-c', cmd], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe(`Node ${MAJOR} and Node ${OTHER}`, () => {
  it('write the same bytes for the same experiment, and their shards are not merged together', (ctx) => {
    const probe = otherNode('node --version', ROOT);
    if (probe.status !== 0 || !probe.stdout.startsWith(`v${OTHER}.`)) {
      const why = `could not bring up Node ${OTHER} (npx -p node@${OTHER}): ${probe.stderr.trim().split('\n').slice(-2).join(' | ')}`;
      if (CI) throw new Error(why);
      process.stderr.write(`\n*** SKIPPED the Node ${MAJOR} vs ${OTHER} comparison: ${why}\n\n`);
      return ctx.skip();
    }
    const dir = tempDir();
    const file = join(dir, 'exact.yaml');
    writeFileSync(file, `extends: ${join(ROOT, 'scenarios/small.yaml')}\nname: exact\nruns: 3\nmonths: 8\nruleStartMonth: 4\nborrowers: { count: 3000 }\n`);
    const here = lendsim(['run', file, '--out', join(dir, 'here'), '--workers', '2', '--quiet']);
    expect(here.status, here.stderr).toBe(0);
    const there = otherNode(`node ${CLI} run ${file} --out ${join(dir, 'there')} --workers 2 --quiet`, dir);
    expect(there.status, there.stderr).toBe(0);
    for (const f of ['summary.json', 'runs.csv', 'runs-monthly.csv', 'timeseries.csv', 'distributions.json']) {
      expect(readFileSync(join(dir, 'there', f), 'utf8') === readFileSync(join(dir, 'here', f), 'utf8'), `${f} differs between Node ${MAJOR} and Node ${OTHER}`).toBe(true);
    }
    // Shard 0 here, shard 1 under the other Node: the merge names both runtimes and refuses.
    const shards = join(dir, 'shards');
    expect(lendsim(['run', file, '--out', shards, '--shard', '0/2', '--workers', '2', '--quiet']).status).toBe(0);
    expect(otherNode(`node ${CLI} run ${file} --out ${shards} --shard 1/2 --workers 2 --quiet`, dir).status).toBe(0);
    const merge = lendsim(['merge', shards, '--quiet']);
    expect(merge.status).toBe(2);
    expect(merge.stderr).toContain(`on Node ${MAJOR}`);
    expect(merge.stderr).toContain(`on Node ${OTHER}`);
  });
});
