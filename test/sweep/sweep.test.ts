// `lendsim sweep` as a user runs it: the built CLI in a child process, with the engine on a tiny
// market where the claim is about the engine (one point = `lendsim run`, common random numbers),
// and a synthetic runner (fixtures/capResponse.mjs) where it is about the sweep's own machinery.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatJson } from '../../analysis/stats/json.js';
import { FIXTURES, tempDir, tinyBase, writeFile } from './helpers.js';
import { distWorkerUrl, lendsim } from '../run/helpers.js';

beforeAll(() => {
  distWorkerUrl(); // fails early, with the fix, when dist is missing or stale
});

const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
const capResponse = ['--runner', join(FIXTURES, 'capResponse.mjs')];

describe('lendsim sweep with the engine', () => {
  it('a one-point sweep writes the summary `lendsim run` writes for the same scenario, byte for byte', () => {
    const dir = tempDir();
    tinyBase(dir);
    const sweep = writeFile(dir, 'one.yaml', 'sweep: one\nbase: tiny.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.2]\n');
    // The same scenario written by hand, as a user would: the base, the cap, the base's name.
    const scenario = writeFile(dir, 'point.yaml', 'extends: tiny.yaml\nname: tiny\nregimes:\n  after:\n    comprehensiveCap: 0.2\n');
    const s = lendsim(['sweep', sweep, '--out', join(dir, 'sweep'), '--quiet']);
    expect(s.status, s.stderr).toBe(0);
    const r = lendsim(['run', scenario, '--out', join(dir, 'run'), '--quiet']);
    expect(r.status, r.stderr).toBe(0);

    const summary = read(dir, 'run', 'summary.json');
    expect(read(dir, 'sweep', 'points', '000', 'summary.json')).toBe(summary);
    const sweepJson = JSON.parse(read(dir, 'sweep', 'sweep.json'));
    expect(formatJson(sweepJson.points[0].summary)).toBe(summary);
    expect(read(dir, 'sweep', 'sweep.json')).toContain(summary.trimEnd().split('\n').slice(1, -1).map((l) => `      ${l}`).join('\n'));
    for (const f of ['runs.csv', 'timeseries.csv']) expect(read(dir, 'sweep', 'points', '000', f)).toBe(read(dir, 'run', f));
    // The point's scenario.json reruns it too.
    const again = lendsim(['run', join(dir, 'sweep', 'points', '000', 'scenario.json'), '--out', join(dir, 'again'), '--json', '--quiet']);
    expect(again.stdout).toBe(summary);
  });

  it('uses the same seeds for run i at every point: two points with equal rules give identical summaries', () => {
    const dir = tempDir();
    tinyBase(dir);
    // `description` does not touch the market: two points, the same rules, the same draws.
    const sweep = writeFile(dir, 'crn.yaml', 'sweep: crn\nbase: tiny.yaml\nvary:\n  description: [first point, second point]\n  regimes.after.comprehensiveCap: [0.18, 0.24]\nruns: 2\n');
    const r = lendsim(['sweep', sweep, '--out', join(dir, 'out'), '--workers', '2', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const points = readdirSync(join(dir, 'out', 'points')).sort();
    expect(points).toEqual(['000', '001', '002', '003']);
    const summary = (p: string) => read(dir, 'out', 'points', p, 'summary.json');
    // Grid order: description slowest. Points 0 and 2 share cap 0.18, points 1 and 3 cap 0.24.
    expect(summary('000')).toBe(summary('002'));
    expect(summary('001')).toBe(summary('003'));
    expect(summary('000')).not.toBe(summary('001'));
    // Run i carries the same run seed at every point (runs.csv records it).
    const seeds = (p: string) => read(dir, 'out', 'points', p, 'runs.csv').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 3).join(','));
    expect(seeds('001')).toEqual(seeds('000'));
    // And the counterfactual arm, which never sees the cap, is the same run at both caps.
    const cf = (p: string) => read(dir, 'out', 'points', p, 'runs.csv').trim().split('\n').filter((l) => l.split(',')[1] === 'counterfactual');
    expect(cf('001')).toEqual(cf('000'));
  });
});

describe('lendsim sweep, synthetic runner', () => {
  function capSweep(dir: string, extra = ''): string {
    writeFile(dir, 'base.yaml', 'name: base\nruns: 6\nmonths: 8\nruleStartMonth: 4\noutputs: { report: false }\n');
    return writeFile(dir, 'cap.yaml', `sweep: caps\nbase: base.yaml\nvary:\n  regimes.after.comprehensiveCap: { from: 0.12, to: 0.3, step: 0.02 }\n${extra}`);
  }

  it('writes sweep.json, sweep.csv, manifest.json and a run directory per point; counts runs across points', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = lendsim(['sweep', capSweep(dir), '--out', out, '--workers', '2', ...capResponse]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr).toMatch(/caps: 10 points \(grid over regimes\.after\.comprehensiveCap\) x 6 runs x 2 arms = 120 runs/);
    expect(r.stderr).toMatch(/120\/120 runs done/);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'points', 'sweep-runs-monthly.csv', 'sweep.csv', 'sweep.json']);
    expect(readdirSync(join(out, 'points', '009')).sort()).toEqual(expect.arrayContaining(['manifest.json', 'runs', 'runs.csv', 'scenario.json', 'summary.json', 'timeseries.csv']));

    const sweep = JSON.parse(read(out, 'sweep.json'));
    expect(sweep).toMatchObject({ sweep: 'caps', fields: ['regimes.after.comprehensiveCap'], design: 'grid', runs: 6, seed: 20251001 });
    expect(sweep.points.map((p: { values: Record<string, number> }) => p.values['regimes.after.comprehensiveCap'])).toEqual([0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3]);
    // links' effect is -2000 (0.36 - cap) on common noise: it changes by 40 between any two neighbours.
    expect(sweep.turningPoints.links.field).toBe('regimes.after.comprehensiveCap');
    expect(sweep.turningPoints.links.change).toBeCloseTo(40, 6);
    // Exit points where the fixture puts them (capResponse.mjs EXIT_CAP), within its per-run shifts.
    const exits = Object.fromEntries(Object.entries(sweep.exitPoints).map(([t, list]) => [t, (list as { value: number; status: string }[])[0]!]));
    expect(exits.city.value).toBeCloseTo(0.22, 1);
    expect(Math.abs(exits.city.value - 0.22)).toBeLessThan(0.012);
    expect(Math.abs(exits.rural.value - 0.2)).toBeLessThan(0.012);
    expect(Math.abs(exits.jointStock.value - 0.16)).toBeLessThan(0.012);
    expect(exits.large.status).toBe('below'); // its cap, 0.10, lies below the sweep
    const ci = (sweep.exitPoints.city[0] as { ci95: [number, number] }).ci95;
    expect(ci[0]).toBeLessThanOrEqual(exits.city.value);
    expect(ci[1]).toBeGreaterThanOrEqual(exits.city.value);

    const csv = read(out, 'sweep.csv').trim().split('\n');
    expect(csv[0]).toBe('point,regimes.after.comprehensiveCap,arm,metric,mean,lo,hi');
    expect(csv.filter((l) => l.startsWith('3,0.18,effect,links,'))).toHaveLength(1);
    const manifest = JSON.parse(read(out, 'manifest.json'));
    expect(manifest).toMatchObject({ sweep: { name: 'caps' }, points: 10, runs: 6, runsComputed: 120, runsReused: 0 });
    expect(manifest.outputs['sweep.json']).toMatch(/^[0-9a-f]{64}$/);
    // The table on stderr.
    expect(r.stderr).toMatch(/comprehensiveCap\s+effect links \[95% CI\]\s+effect exclusionRate \[95% CI\]\s+effect aprMean \[95% CI\]/);
    expect(r.stderr).toMatch(/city\s+comprehensiveCap\s+0\.2\d+ \[/);
  });

  it('writes the same bytes with 1 or 2 workers; resumes and refuses like run', () => {
    const dir = tempDir();
    const file = capSweep(dir, 'runs: 3\n');
    const a = lendsim(['sweep', file, '--out', join(dir, 'a'), '--workers', '1', '--quiet', ...capResponse]);
    const b = lendsim(['sweep', file, '--out', join(dir, 'b'), '--workers', '2', '--json', '--quiet', ...capResponse]);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(read(dir, 'b', 'sweep.json')).toBe(read(dir, 'a', 'sweep.json'));
    expect(read(dir, 'b', 'sweep.csv')).toBe(read(dir, 'a', 'sweep.csv'));
    expect(b.stdout).toBe(read(dir, 'a', 'sweep.json'));

    const refused = lendsim(['sweep', file, '--out', join(dir, 'a'), ...capResponse]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/already holds 6 of 6 runs of this experiment; pass --resume/);
    const resumed = lendsim(['sweep', file, '--out', join(dir, 'a'), '--resume', ...capResponse]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: 60 of 60 runs already stored/);
    expect(resumed.stderr).toMatch(/\(0 runs computed/);
    expect(read(dir, 'a', 'sweep.json')).toBe(read(dir, 'b', 'sweep.json'));
    const otherRuns = lendsim(['sweep', file, '--out', join(dir, 'a'), '--resume', '--runs', '4', ...capResponse]);
    expect(otherRuns.status).toBe(2);
    expect(otherRuns.stderr).toMatch(/cannot resume .*another experiment[\s\S]*runs: stored 3, now 4/);
    const fresh = lendsim(['sweep', file, '--out', join(dir, 'a'), '--fresh', '--runs', '4', '--quiet', ...capResponse]);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(JSON.parse(read(dir, 'a', 'sweep.json')).runs).toBe(4);
  });

  it('a failed run names its point and prints a command that reproduces it from the point\'s scenario.json', () => {
    const dir = tempDir();
    writeFile(dir, 'base.yaml', 'name: base\nruns: 6\nmonths: 8\nruleStartMonth: 4\noutputs: { report: false }\n');
    const file = writeFile(dir, 's.yaml', 'sweep: s\nbase: base.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.2, 0.3]\n');
    const runner = join(FIXTURES, '..', '..', 'fixtures', 'workers', 'throws.mjs');
    const r = lendsim(['sweep', file, '--out', join(dir, 'out'), '--workers', '1', '--runner', runner]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/point 0 \(regimes\.after\.comprehensiveCap = 0\.2\), run 3 of arm policy \(seed 20251001, run seed \d+\) failed: it threw: synthetic failure in run 3/);
    expect(r.stderr).toMatch(new RegExp(`run ${join(dir, 'out', 'points', '000', 'scenario.json').replace(/[.]/g, '\\.')} --only-run 3 --arm policy --runner`));
    expect(r.stderr).toMatch(/after a fix, continue with:\n\s+.*sweep .*s\.yaml --out .* --resume/);
    expect(existsSync(join(dir, 'out', 'sweep.json'))).toBe(false);
  });

  it('bad input: exit 2, every problem at once, no stack', () => {
    const dir = tempDir();
    const file = capSweep(dir);
    const r = lendsim(['sweep', file, '--runs', '0', '--shard', '4/4', '--resume', '--fresh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/3 problems/);
    expect(r.stderr).toMatch(/--runs: expected an integer from 1 to 100000/);
    expect(r.stderr).toMatch(/--shard: expected I from 0 to 3 \(shards are numbered from 0\), received "4\/4"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const bad = writeFile(dir, 'bad.yaml', 'sweep: x\nbase: base.yaml\nvary:\n  regimes.after.comprehensivCap: [0.2]\n');
    const b = lendsim(['sweep', bad]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/did you mean `regimes\.after\.comprehensiveCap`\?/);
    // The two kinds of file, each given to the other command.
    expect(lendsim(['run', file]).stderr).toMatch(/cap\.yaml: is a sweep file \(it has `sweep:`\): run it with lendsim sweep /);
    expect(lendsim(['sweep', join(dir, 'base.yaml')]).stderr).toMatch(/base\.yaml: is a scenario file, not a sweep file/);
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });
});
