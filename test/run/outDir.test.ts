// Output directories: one lendsim at a time (locked before anything is removed), never another
// tool's directory, and clean failures when the file system says no.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { removeStaleTemps } from '../../sim/run/atomicWrite.js';
import { CLI, distWorkerUrl, fixturePath, lendsim, ROOT, tempDir } from './helpers.js';

beforeAll(() => {
  distWorkerUrl();
});

function sweepFiles(dir: string, runs = 2): string {
  writeFileSync(join(dir, 'base.yaml'), `name: base\nruns: ${runs}\nmonths: 6\nruleStartMonth: 3\noutputs: { report: false }\n`);
  writeFileSync(join(dir, 'grid.yaml'), 'sweep: grid\nbase: base.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.18, 0.3]\n');
  return join(dir, 'grid.yaml');
}

describe('one lendsim per output directory', () => {
  it('removes only the temp files of dead processes', () => {
    const dir = tempDir();
    const live = `.sweep.json.tmp-${process.ppid}`; // a live process: the test runner's parent
    const dead = '.sweep.json.tmp-999999999';
    for (const f of [live, dead, 'sweep.json']) writeFileSync(join(dir, f), 'x');
    removeStaleTemps(dir);
    expect(readdirSync(dir).sort()).toEqual([live, 'sweep.json']);
  });

  it('sweep --fresh on a directory a running sweep holds is refused, and removes nothing of it', async () => {
    const dir = tempDir();
    const file = sweepFiles(dir, 8);
    const out = join(dir, 'out');
    const shuffled = ['--runner', fixturePath('shuffled.mjs'), '--workers', '1'];
    const child = spawn(process.execPath, [CLI, 'sweep', file, '--out', out, '--quiet', ...shuffled], {
      cwd: ROOT, env: { ...process.env, LENDSIM_TEST_DELAY_MS: '30' }, stdio: 'ignore',
    });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(out, 'points', '001', 'runs', 'runs.log')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const second = lendsim(['sweep', file, '--out', out, '--fresh', '--quiet', ...shuffled]);
    expect(second.stderr).toMatch(/is in use by another lendsim \(process \d+\)/);
    expect(second.status).toBe(2);
    expect(await exited).toBe(0);
    expect(existsSync(join(out, 'sweep.json'))).toBe(true);
  });
});
