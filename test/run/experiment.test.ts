import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExperiment, type ExperimentOptions } from '../../sim/run/experiment.js';
import { distWorkerUrl, fixture, tempDir, tinyScenario } from './helpers.js';

let workerUrl: URL;
beforeAll(() => {
  workerUrl = distWorkerUrl();
});

const scenario = tinyScenario({ runs: 8, months: 7, ruleStartMonth: 3 });
const FILES = ['summary.json', 'runs.csv', 'runs-monthly.csv', 'timeseries.csv', 'scenario.json', 'manifest.json'];

function experiment(outDir: string, over: Partial<ExperimentOptions> = {}) {
  return runExperiment({ scenario, outDir, mode: 'new', workers: 1, runner: fixture('synthetic.mjs'), workerUrl, durable: false, ...over });
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

/** Run keys in the order the log holds them (completion order). */
function logOrder(dir: string): number[] {
  const bytes = readFileSync(join(dir, 'runs', 'runs.log'));
  const keys: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    keys.push(bytes.readUInt32LE(at + 12));
    at += 16 + bytes.readUInt32LE(at + 4);
  }
  return keys;
}

/** Files a writer left behind half-done: temp files anywhere in the result directory. */
function temps(dir: string): string[] {
  return [...readdirSync(dir), ...readdirSync(join(dir, 'runs')).map((f) => `runs/${f}`)].filter((f) => /\.tmp-\d+$/.test(f));
}

describe('runExperiment across worker threads', () => {
  it('summarizeOnly (merge, a sweep\'s summaries) computes nothing: a store that lacks runs is an error', async () => {
    const dir = tempDir();
    await expect(experiment(dir, { summarizeOnly: true })).rejects.toThrow(/0 of 16 runs are stored; expected all of them \(nothing is computed here\)/);
    expect(readFileSync(join(dir, 'runs', 'runs.log')).length).toBe(0);
  });

  it('writes the same bytes with 1 or 2 workers and any completion order', async () => {
    const one = tempDir();
    const two = tempDir();
    const shuffled = tempDir();
    const a = await experiment(one, { workers: 1 });
    const b = await experiment(two, { workers: 2 });
    const c = await experiment(shuffled, { workers: 2, runner: fixture('shuffled.mjs') });
    for (const r of [a, b, c]) expect(r).toMatchObject({ status: 'done', stored: 16, total: 16, computed: 16, failures: [] });
    // The shuffled runner really did finish runs out of order...
    const order = logOrder(shuffled);
    expect(order).not.toEqual([...order].sort((x, y) => x - y));
    // ...and nothing of that reached the results.
    for (const f of ['summary.json', 'runs.csv', 'timeseries.csv']) {
      expect(read(two, f)).toBe(read(one, f));
      expect(read(shuffled, f)).toBe(read(one, f));
    }
    expect(a.summaryJson).toBe(read(one, 'summary.json'));
    const summary = JSON.parse(read(one, 'summary.json'));
    expect(summary).toMatchObject({ scenario: 'tiny', runs: 8, months: 7, ruleStartMonth: 3 });
    expect(summary.facts.map((f: { id: string }) => f.id)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F0', 'F11', 'F12', 'F13', 'F14']);
    expect(summary.banks.map((b: { id: string }) => b.id)).toEqual(Object.keys(scenario.banks.named));
    // The synthetic rule shifts policy metric k by 0.5 + 0.01k on common noise: a paired effect with no spread.
    expect(summary.effect.links.mean).toBeCloseTo(0.5, 12);
    expect(summary.effect.links.sd).toBeCloseTo(0, 12);
  });

  it('writes the result files, a manifest of where they came from, the report, and no temp files', async () => {
    const dir = tempDir();
    const r = await experiment(dir, { workers: 2, provenance: { command: 'lendsim run x.yaml', scenarioFile: 'x.yaml', scenarioFileHash: 'abc', files: ['/abs/x.yaml'] } });
    // The result files, then the report built from them (test/report tests the report itself).
    expect(r.files.map((f) => f.slice(dir.length + 1)).slice(0, 8)).toEqual(['runs.csv', 'runs-monthly.csv', 'timeseries.csv', 'summary.json', 'scenario.json', 'distributions.json', 'manifest.json', 'report.html']);
    expect(r.report).toBe(join(dir, 'report.html'));
    for (const f of FILES) expect(existsSync(join(dir, f))).toBe(true);
    expect(temps(dir)).toEqual([]);
    const manifest = JSON.parse(read(dir, 'manifest.json'));
    expect(manifest).toMatchObject({
      lendsim: '0.1.0', node: process.version, command: 'lendsim run x.yaml', workers: 2,
      scenario: { name: 'tiny', file: 'x.yaml', fileHash: 'abc', files: ['/abs/x.yaml'] },
      seed: scenario.seed, runs: 8, months: 7, runsComputed: 16, runsReused: 0,
    });
    expect(manifest.wallSeconds).toBeGreaterThan(0);
    expect(Object.keys(manifest.outputs)).toEqual(['runs.csv', 'runs-monthly.csv', 'timeseries.csv', 'summary.json', 'scenario.json', 'distributions.json']);
    expect(read(dir, 'runs.csv').split('\n')).toHaveLength(1 + 16 + 1);
  });

  it('reports a run that throws with its arm, index and seed, keeps the finished runs, and resumes to the same bytes', async () => {
    const clean = tempDir();
    await experiment(clean);
    const dir = tempDir();
    const failed = await experiment(dir, { runner: fixture('throws.mjs'), workers: 2 });
    expect(failed.status).toBe('failed');
    expect(failed.failures).toHaveLength(1);
    expect(failed.failures[0]).toMatchObject({ arm: 'policy', runIndex: 3, seed: scenario.seed, kind: 'threw', message: 'synthetic failure in run 3' });
    expect(failed.failures[0]!.stack).toMatch(/throws\.mjs/);
    expect(failed.stored).toBeGreaterThanOrEqual(6);
    expect(failed.stored).toBeLessThan(16);
    for (const f of FILES) expect(existsSync(join(dir, f))).toBe(false);
    expect(temps(dir)).toEqual([]);
    // A fixed engine resumes: only the missing runs are computed.
    const resumed = await experiment(dir, { mode: 'resume', workers: 2 });
    expect(resumed.status).toBe('done');
    expect(resumed.computed).toBe(16 - failed.stored);
    for (const f of ['summary.json', 'runs.csv', 'runs-monthly.csv', 'timeseries.csv']) expect(read(dir, f)).toBe(read(clean, f));
    expect(JSON.parse(read(dir, 'manifest.json'))).toMatchObject({ runsComputed: 16 - failed.stored, runsReused: failed.stored });
  });

  it('never replaces an earlier result with a failed experiment', async () => {
    const dir = tempDir();
    await experiment(dir);
    const before = Object.fromEntries(FILES.map((f) => [f, read(dir, f)]));
    const failed = await experiment(dir, { mode: 'fresh', runner: fixture('throws.mjs') });
    expect(failed.status).toBe('failed');
    for (const f of FILES) expect(read(dir, f)).toBe(before[f]);
  });

  it('reports a worker thread that dies (process.exit) as a failed run, not a hang', async () => {
    const dir = tempDir();
    const r = await experiment(dir, { runner: fixture('exits.mjs'), workers: 2 });
    expect(r.status).toBe('failed');
    expect(r.failures[0]).toMatchObject({ arm: 'counterfactual', runIndex: 2, kind: 'worker died' });
    expect(r.failures[0]!.message).toMatch(/worker exited with code: 7/);
    expect(r.stored).toBeGreaterThan(0);
  });

  it('reports a worker thread that runs out of memory', async () => {
    const dir = tempDir();
    const r = await experiment(dir, { runner: fixture('oom.mjs'), workers: 1, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    expect(r.status).toBe('failed');
    expect(r.failures[0]).toMatchObject({ arm: 'policy', runIndex: 1, kind: 'worker died' });
    expect(r.failures[0]!.message).toMatch(/out of memory/);
  });

  it('stops on abort, keeping what finished', async () => {
    const dir = tempDir();
    const abort = new AbortController();
    const r = await experiment(dir, {
      runner: fixture('shuffled.mjs'), signal: abort.signal,
      progress: () => ({ update: (done) => { if (done >= 3) abort.abort(); }, finish() {} }),
    });
    expect(r.status).toBe('interrupted');
    expect(r.stored).toBeGreaterThanOrEqual(3);
    expect(r.stored).toBeLessThan(16);
    expect(existsSync(join(dir, 'summary.json'))).toBe(false);
    expect(statSync(join(dir, 'runs', 'runs.log')).size).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'runs', 'lock'))).toBe(false);
  });

  it('honours outputs.runsCsv / timeseriesCsv = false and removes a stale copy', async () => {
    const dir = tempDir();
    await experiment(dir);
    const off = { ...scenario, outputs: { ...scenario.outputs, runsCsv: false, timeseriesCsv: false } };
    const r = await experiment(dir, { scenario: off, mode: 'fresh' });
    expect(r.status).toBe('done');
    expect(readdirSync(dir).sort()).toEqual(['charts', 'distributions.json', 'manifest.json', 'report.html', 'runs', 'scenario.json', 'summary.json']);
  });
});
