// `lendsim run` as a user runs it: the built CLI in a child process, with synthetic runners
// (--runner, a hidden flag) standing in for the engine so failures and timing can be staged.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contractProblems } from '../contract/contract.js';
import { CLI, distWorkerUrl, fixturePath, lendsim, ROOT, tempDir } from './helpers.js';

beforeAll(() => {
  distWorkerUrl(); // fails early, with the fix, when dist is missing or stale
});


function scenarioFile(dir: string, runs = 6, extra = ''): string {
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, `name: tiny cli\nruns: ${runs}\nmonths: 8\nruleStartMonth: 4\n${extra}`);
  return file;
}

const synthetic = ['--runner', fixturePath('synthetic.mjs')];

/** Complete records in a run log. */
function records(dir: string): number {
  const file = join(dir, 'runs', 'runs.log');
  if (!existsSync(file)) return 0;
  const bytes = readFileSync(file);
  let n = 0;
  for (let at = 0; at + 16 <= bytes.length; n++) {
    const next = at + 16 + bytes.readUInt32LE(at + 4);
    if (next > bytes.length) break;
    at = next;
  }
  return n;
}

describe('lendsim run', () => {
  it('writes the result files and the report, prints the directory on stdout, progress and the report\'s path on stderr', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = lendsim(['run', scenarioFile(dir), '--out', out, '--workers', '2', ...synthetic]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr).toMatch(/12\/12 runs done/);
    expect(r.stderr).toMatch(/results in .*summary\.json/);
    expect(r.stderr.endsWith(`lendsim: report: ${join(out, 'report.html')}\n`)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['charts', 'distributions.json', 'manifest.json', 'report.html', 'runs', 'runs-monthly.csv', 'runs.csv', 'scenario.json', 'summary.json', 'timeseries.csv']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.command).toMatch(/^node .*main\.js run .*tiny\.yaml --out .* --workers 2 --runner /);
  });

  it('--json prints exactly summary.json on stdout; --quiet silences stderr', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = lendsim(['run', scenarioFile(dir), '--out', out, '--json', '--quiet', ...synthetic]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(JSON.parse(r.stdout).scenario).toBe('tiny cli');
  });

  it('defaults --out to output/<slug of the scenario name> in the working directory', () => {
    const dir = tempDir();
    const r = lendsim(['run', scenarioFile(dir), '--quiet', ...synthetic], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('output/tiny-cli\n');
    expect(existsSync(join(dir, 'output/tiny-cli/summary.json'))).toBe(true);
  });

  it('--runs and --seed override the scenario', () => {
    const dir = tempDir();
    const r = lendsim(['run', scenarioFile(dir), '--out', join(dir, 'o'), '--runs', '3', '--seed', '5', '--json', ...synthetic]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ runs: 3, seed: 5 });
  });

  it('bad flags: exit 2, every problem at once, no stack', () => {
    const dir = tempDir();
    const r = lendsim(['run', scenarioFile(dir), '--runs', '0', '--workers', 'many', '--seed', '1.5', '--resume', '--fresh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/4 problems/);
    expect(r.stderr).toMatch(/--runs: expected an integer from 1 to 100000, received "0"/);
    expect(r.stderr).toMatch(/--workers: expected an integer from 1 to 1024, received "NaN"/);
    expect(r.stderr).toMatch(/--seed: expected an integer/);
    expect(r.stderr).toMatch(/--resume and --fresh/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(lendsim(['run', scenarioFile(dir), '--frobnicate']).status).toBe(2);
    const missing = lendsim(['run', join(dir, 'nope.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml/);
  });

  it('refuses workers that do not fit in memory, with the count that does', () => {
    const dir = tempDir();
    const r = lendsim(['run', scenarioFile(dir, 2, 'borrowers: { count: 20000000 }\n'), '--workers', '1000', '--out', join(dir, 'o')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--workers 1000 would need .* more than 70% of this machine's .*: use --workers \d+ or fewer/);
  });

  it('a run that throws: exit 1, its arm, index and seeds, a command that reproduces it alone', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const file = scenarioFile(dir);
    const r = lendsim(['run', file, '--out', out, '--runner', fixturePath('throws.mjs')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/run 3 of arm policy \(seed 20251001, run seed \d+\) failed: it threw: synthetic failure in run 3/);
    expect(r.stderr).toMatch(/throws\.mjs/); // the worker's stack
    const repro = /reproduce it alone.*\n\s+(.+)\n/.exec(r.stderr)![1]!;
    expect(repro).toContain(`run ${file} --seed 20251001 --runs 6 --only-run 3 --arm policy --runner ${fixturePath('throws.mjs')}`);
    expect(r.stderr).toMatch(/\d+ of 12 runs are stored in .*; after a fix, continue with:\n\s+.* --resume/);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);

    // The printed command reproduces the failure in-process, with its stack.
    const args = repro.split(' ').slice(2); // drop "node <main.js>"
    const again = lendsim(args);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/RangeError: synthetic failure in run 3\n\s+at (Module\.)?runOne .*throws\.mjs/);
    // ...and a healthy run index prints its end snapshot.
    const ok = lendsim(args.map((a) => (a === '3' ? '2' : a)));
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ arm: 'policy', runIndex: 2, months: 8 });
  });

  it('a worker thread that dies is reported the same way', () => {
    const dir = tempDir();
    const r = lendsim(['run', scenarioFile(dir), '--out', join(dir, 'o'), '--workers', '2', '--runner', fixturePath('exits.mjs')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/run 2 of arm counterfactual \(seed 20251001, run seed \d+\) failed: its worker thread died: worker exited with code: 7/);
    expect(r.stderr).toMatch(/--only-run 2 --arm counterfactual/);
  });

  it('resumes an experiment killed with SIGKILL (torn last record included) to the same bytes', async () => {
    const dir = tempDir();
    const file = scenarioFile(dir, 16);
    const clean = join(dir, 'clean');
    const killed = join(dir, 'killed');
    const shuffled = ['--runner', fixturePath('shuffled.mjs')];
    const env = { LENDSIM_TEST_DELAY_MS: '40' };
    expect(lendsim(['run', file, '--out', clean, '--workers', '2', '--quiet', ...shuffled], { env }).status).toBe(0);

    const child = spawn(process.execPath, [CLI, 'run', file, '--out', killed, '--workers', '2', ...shuffled], {
      cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, sig) => res(sig)));
    const deadline = Date.now() + 30_000;
    while (records(killed) < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const stored = records(killed);
    expect(stored).toBeGreaterThanOrEqual(6);
    expect(stored).toBeLessThan(32);
    expect(existsSync(join(killed, 'summary.json'))).toBe(false);
    // As if the kill had landed mid-write: half a record at the end of the log.
    const log = join(killed, 'runs', 'runs.log');
    appendFileSync(log, readFileSync(log).subarray(0, 3000));

    const refused = lendsim(['run', file, '--out', killed, ...shuffled], { env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`already holds ${stored} of 32 runs of this experiment; pass --resume`));
    const otherSeed = lendsim(['run', file, '--out', killed, '--seed', '9', '--resume', ...shuffled], { env });
    expect(otherSeed.status).toBe(2);
    expect(otherSeed.stderr).toMatch(/cannot resume .*another experiment[\s\S]*seed: stored 20251001, now 9/);

    const resumed = lendsim(['run', file, '--out', killed, '--workers', '2', '--resume', ...shuffled], { env });
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/dropped a torn record \(3000 bytes\)/);
    expect(resumed.stderr).toMatch(new RegExp(`resuming: ${stored} of 32 runs already stored`));
    for (const f of ['summary.json', 'runs.csv', 'timeseries.csv']) {
      expect(readFileSync(join(killed, f), 'utf8')).toBe(readFileSync(join(clean, f), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(killed, 'manifest.json'), 'utf8'))).toMatchObject({ runsReused: stored, runsComputed: 32 - stored });
    expect(readdirSync(killed).filter((f) => f.includes('.tmp-'))).toEqual([]);

    // Resuming a finished experiment only re-summarizes it.
    const again = lendsim(['run', file, '--out', killed, '--resume', '--json', ...shuffled], { env });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(readFileSync(join(clean, 'summary.json'), 'utf8'));
  });

  it('SIGINT stops cleanly (exit 130) and says how to resume', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [CLI, 'run', scenarioFile(dir, 16), '--out', out, '--workers', '2', '--runner', fixturePath('shuffled.mjs')], {
      cwd: ROOT, env: { ...process.env, LENDSIM_TEST_DELAY_MS: '40' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const deadline = Date.now() + 30_000;
    while (records(out) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted: \d+ of 32 runs are stored in .*; continue with:\n\s+.*--resume/);
    expect(existsSync(join(out, 'runs', 'lock'))).toBe(false);
    expect(statSync(join(out, 'runs', 'runs.log')).size).toBeGreaterThan(0);
  });
});

describe('lendsim run with the engine', () => {
  it('scenarios/small.yaml --runs 2 --workers 2 meets the contract (test/contract)', () => {
    const out = join(tempDir(), 'small');
    const r = lendsim(['run', 'scenarios/small.yaml', '--runs', '2', '--workers', '2', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['charts', 'distributions.json', 'manifest.json', 'report.html', 'runs', 'runs-monthly.csv', 'runs.csv', 'scenario.json', 'summary.json', 'timeseries.csv']);
    expect(contractProblems(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')))).toEqual([]);
  });
});
