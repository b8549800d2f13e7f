// Output directories: one lendsim at a time (locked before anything is removed), never another
// tool's directory, and clean failures when the file system says no.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { removeStaleTemps } from '../../sim/run/atomicWrite.js';
import { claimOutDir } from '../../sim/run/outDir.js';
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

function scenarioFile(dir: string, runs = 4, report = false, name = 'plain'): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\nruns: ${runs}\nmonths: 6\nruleStartMonth: 3\noutputs: { report: ${report} }\n`);
  return file;
}
const synthetic = ['--runner', fixturePath('synthetic.mjs'), '--quiet'];

describe('a directory lendsim did not make is not written into', () => {
  it('refuses another tool\'s directory (unless --force), a root always, and accepts its own', () => {
    const dir = tempDir();
    const file = scenarioFile(dir);
    const foreign = join(dir, 'theirs');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    writeFileSync(join(foreign, 'summary.json'), '{"theirs": true}');
    const r = lendsim(['run', file, '--out', foreign, ...synthetic]);
    expect(r.stderr).toMatch(/--out .*theirs: expected an empty or new directory, or one lendsim made; found files lendsim did not write \(notes\.txt, summary\.json\).*--force/);
    expect(r.status).toBe(2);
    expect(readdirSync(foreign).sort()).toEqual(['notes.txt', 'summary.json']);
    // Only a file lendsim also writes, but nothing that shows lendsim made the directory.
    const lookalike = join(dir, 'lookalike');
    mkdirSync(lookalike);
    writeFileSync(join(lookalike, 'summary.json'), '{"theirs": true}');
    expect(lendsim(['run', file, '--out', lookalike, ...synthetic]).status).toBe(2);
    expect(readFileSync(join(lookalike, 'summary.json'), 'utf8')).toBe('{"theirs": true}');
    // --force writes into it; notes.txt stays.
    expect(lendsim(['run', file, '--out', foreign, '--force', ...synthetic]).status).toBe(0);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
    // lendsim's own directory is reused (--fresh), a sweep's points/ with a foreign file in it is not.
    expect(lendsim(['run', file, '--out', join(dir, 'own'), ...synthetic]).status).toBe(0);
    expect(lendsim(['run', file, '--out', join(dir, 'own'), '--fresh', ...synthetic]).status).toBe(0);
    expect(() => claimOutDir(join(dir, 'own'), false)).not.toThrow();
    // cluster/submit.sh makes OUTDIR/slurm-logs/ before the first shard runs.
    mkdirSync(join(dir, 'cluster', 'slurm-logs'), { recursive: true });
    writeFileSync(join(dir, 'cluster', 'slurm-logs', 'shard-0.out'), '');
    expect(() => claimOutDir(join(dir, 'cluster'), false)).not.toThrow();
    const sweepOut = join(dir, 'sw');
    mkdirSync(join(sweepOut, 'points'), { recursive: true });
    writeFileSync(join(sweepOut, 'points', 'mine.txt'), 'x');
    const sw = lendsim(['sweep', sweepFiles(dir), '--out', sweepOut, '--fresh', ...synthetic]);
    expect(sw.stderr).toMatch(/found files lendsim did not write \(points\/mine\.txt\)/);
    expect(sw.status).toBe(2);
    expect(existsSync(join(sweepOut, 'points', 'mine.txt'))).toBe(true);
    expect(() => claimOutDir('/', true)).toThrow(/the root of a file system/);
    const proc = lendsim(['run', file, '--out', '/proc/self', ...synthetic], { timeoutMs: 30_000 });
    expect([proc.status, proc.stderr]).toEqual([2, expect.stringMatching(/--out \/proc\/self: expected an empty or new directory/)]);
    // A new directory where none can be made: refused at once (Node's recursive mkdir loops there).
    const sub = lendsim(['run', file, '--out', '/proc/self/new', ...synthetic], { timeoutMs: 30_000 });
    expect([sub.status, sub.stderr]).toEqual([2, expect.stringMatching(/--out \/proc\/self\/new: cannot write there: no such file or directory/)]);
  });

  it('merge refuses to replace the finished results of another experiment (unless --force)', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect(lendsim(['run', scenarioFile(dir, 2, false, 'first'), '--out', out, ...synthetic]).status).toBe(0);
    const shards = join(dir, 'elsewhere');
    expect(lendsim(['run', scenarioFile(dir, 2, false, 'second'), '--out', shards, '--shard', '0/1', ...synthetic]).status).toBe(0);
    cpSync(join(shards, 'shards'), join(out, 'shards'), { recursive: true });
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const m = lendsim(['merge', out, '--quiet']);
    expect(m.stderr).toMatch(/holds the results of another experiment \(scenario "first"\); merging would replace them/);
    expect(m.status).toBe(2);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
    expect(lendsim(['merge', out, '--quiet', '--force']).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).scenario).toBe('second');
  });

  it('a torn runs/meta.json: --resume is refused naming it, --fresh starts over', () => {
    const dir = tempDir();
    const file = scenarioFile(dir, 2);
    const out = join(dir, 'out');
    expect(lendsim(['run', file, '--out', out, ...synthetic]).status).toBe(0);
    writeFileSync(join(out, 'runs', 'meta.json'), '{"format": "lendsim-ru');
    const resumed = lendsim(['run', file, '--out', out, '--resume', ...synthetic]);
    expect(resumed.stderr).toMatch(/meta\.json is not JSON \(torn or edited\), and .*runs\.log holds 4 stored runs: which experiment they belong to is unknown; pass --fresh/);
    expect(resumed.status).toBe(2);
    expect(lendsim(['run', file, '--out', out, '--fresh', ...synthetic]).status).toBe(0);
  });
});

describe('file-system failures end cleanly', () => {
  it('an --out under a file is bad input (exit 2), not a stack trace', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const r = lendsim(['run', scenarioFile(dir), '--out', join(dir, 'file', 'sub'), ...synthetic]);
    expect(r.stderr).toMatch(/--out .*file\/sub: cannot write there: a part of the path is a file, not a directory .*\(ENOTDIR\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
  });

  it('a write that fails once the runs are stored says what is kept and how to continue, and leaves no temp file', () => {
    const dir = tempDir();
    const file = scenarioFile(dir, 2, true);
    const out = join(dir, 'out');
    // A directory where a chart goes: its rename fails after its temp file was written.
    mkdirSync(join(out, 'charts', 'time-series.svg', 'x'), { recursive: true });
    mkdirSync(join(out, 'runs'));
    const r = lendsim(['run', file, '--out', out, '--force', ...synthetic]);
    expect(r.stderr).toMatch(/lendsim: stopped: .*time-series\.svg.*\n.*4 of 4 runs are stored in .*out; once that is fixed, continue with --resume:\n\s+.*--resume/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(1);
    expect(readdirSync(join(out, 'charts')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('Ctrl-C while the results are written is not swallowed: exit 130', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const runs = 40;
    const child = spawn(process.execPath, [CLI, 'run', scenarioFile(dir, runs, true), '--out', out, '--workers', '1', '--quiet', '--runner', fixturePath('synthetic.mjs')], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    // Every run stored: the summary and the report are being written.
    const log = join(out, 'runs', 'runs.log');
    const full = () => existsSync(log) && statSync(log).size > 0 && statSync(log).size >= oneRecord() * runs * 2;
    let record = 0;
    const oneRecord = () => {
      if (record === 0 && existsSync(log) && statSync(log).size > 0) record = readFileSync(log).readUInt32LE(4) + 16;
      return record || Infinity;
    };
    const deadline = Date.now() + 60_000;
    while (!full() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted \(SIGINT\) while writing the results; every run is stored in .*; re-summarize with:\n\s+.*--resume/);
  });
});
