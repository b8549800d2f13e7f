// Shards (`--shard I/N`) and `lendsim merge`: the split depends on task index alone, every shard
// writes one file that says what it belongs to, and merging gives the bytes one machine writes.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inShard, parseShard, readShardHeader, shardFileName } from '../../sim/run/shards.js';
import { scenarioHash } from '../../sim/run/hash.js';
import { runtimeIdentity } from '../../sim/run/manifest.js';
import { distWorkerUrl, fixturePath, lendsim, tempDir } from '../run/helpers.js';

beforeAll(() => {
  distWorkerUrl();
});

const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
const synthetic = ['--runner', fixturePath('synthetic.mjs')];

function files(dir: string): string[] {
  return readdirSync(join(dir, 'shards')).sort();
}

describe('the split', () => {
  it('parses I/N, 0-based, and refuses anything else with the form expected', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 0 / 1 ')).toEqual({ index: 0, count: 1 });
    expect(parseShard('4/4')).toMatch(/expected I from 0 to 3 \(shards are numbered from 0\)/);
    expect(parseShard('1/0')).toMatch(/expected N from 1/);
    expect(parseShard('a/b')).toMatch(/expected I\/N \(0-based shard I of N, e.g. 0\/4\)/);
    expect(parseShard('-1/4')).toMatch(/expected I\/N/);
  });

  it('puts every task in exactly one shard, by task index alone, balanced', () => {
    for (const n of [1, 2, 3, 4, 7, 13]) {
      const owners = Array.from({ length: 200 }, (_, t) => Array.from({ length: n }, (_, i) => i).filter((i) => inShard({ index: i, count: n })(t)));
      expect(owners.every((o) => o.length === 1)).toBe(true);
      const sizes = Array.from({ length: n }, (_, i) => owners.filter((o) => o[0] === i).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(shardFileName({ index: 2, count: 4 })).toBe('shard-0002-of-0004.lss');
    expect(shardFileName({ index: 7, count: 12345 })).toBe('shard-00007-of-12345.lss');
  });
});

describe('lendsim run --shard and lendsim merge', () => {
  function scenario(dir: string, runs = 7): string {
    const file = join(dir, 's.yaml');
    writeFileSync(file, `name: sharded\nruns: ${runs}\nmonths: 8\nruleStartMonth: 4\noutputs: { report: false }\n`);
    return file;
  }

  it('merges 3 shards into the bytes one machine writes; each shard file says what it belongs to', () => {
    const dir = tempDir();
    const file = scenario(dir);
    const one = lendsim(['run', file, '--out', join(dir, 'one'), '--quiet', ...synthetic]);
    expect(one.status, one.stderr).toBe(0);
    const out = join(dir, 'sharded');
    for (let i = 0; i < 3; i++) {
      const r = lendsim(['run', file, '--out', out, '--shard', `${i}/3`, '--workers', '1', ...synthetic]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${join(out, 'shards', shardFileName({ index: i, count: 3 }))}\n`);
      expect(r.stderr).toMatch(new RegExp(`shard ${i}/3: ${i === 0 ? 5 : 5 - (i === 2 ? 1 : 0)} runs in`));
    }
    expect(files(out)).toEqual(['shard-0000-of-0003.lss', 'shard-0001-of-0003.lss', 'shard-0002-of-0003.lss']);
    expect(readdirSync(out)).toEqual(['shards']); // a shard writes nothing else

    const h = readShardHeader(join(out, 'shards', 'shard-0001-of-0003.lss')).header;
    expect(h).toMatchObject({ format: 'lendsim-shard/1', kind: 'run', name: 'sharded', seed: 20251001, runs: 7, shards: 3, shard: 1, tasks: 5, lendsim: runtimeIdentity() });
    expect(h.hash).toBe(scenarioHash((h.plan as { scenario: unknown }).scenario));
    expect(h.command).toMatch(/ run .*s\.yaml --out .*sharded --resume --runner /);

    const m = lendsim(['merge', out]);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toBe(`${out}\n`);
    expect(m.stderr).toMatch(/merged 3 shards of run "sharded" \(7 runs per arm\)/);
    for (const f of ['summary.json', 'runs.csv', 'timeseries.csv', 'distributions.json']) expect(read(out, f), f).toBe(read(dir, 'one', f));
    const manifest = JSON.parse(read(out, 'manifest.json'));
    expect(manifest).toMatchObject({ runsComputed: 0, runsReused: 14, seed: 20251001, runs: 7 });
    expect(manifest.command).toMatch(/ merge /);
    // Merging again gives the same; --json prints the summary.
    expect(lendsim(['merge', out, '--json', '--quiet']).stdout).toBe(read(dir, 'one', 'summary.json'));
  });

  it('re-running a shard replaces its own file and nothing else; --resume of a complete shard does nothing', async () => {
    const dir = tempDir();
    const file = scenario(dir, 4);
    const out = join(dir, 'o');
    for (let i = 0; i < 2; i++) expect(lendsim(['run', file, '--out', out, '--shard', `${i}/2`, '--quiet', ...synthetic]).status).toBe(0);
    const before = Object.fromEntries(files(out).map((f) => [f, { bytes: read(out, 'shards', f), mtime: statSync(join(out, 'shards', f)).mtimeMs }]));
    await new Promise((r) => setTimeout(r, 20));
    const again = lendsim(['run', file, '--out', out, '--shard', '1/2', ...synthetic]);
    expect(again.status, again.stderr).toBe(0);
    const after = Object.fromEntries(files(out).map((f) => [f, { bytes: read(out, 'shards', f), mtime: statSync(join(out, 'shards', f)).mtimeMs }]));
    expect(after['shard-0000-of-0002.lss']).toEqual(before['shard-0000-of-0002.lss']);
    expect(after['shard-0001-of-0002.lss']!.mtime).toBeGreaterThan(before['shard-0001-of-0002.lss']!.mtime);
    expect(after['shard-0001-of-0002.lss']!.bytes).toBe(before['shard-0001-of-0002.lss']!.bytes); // deterministic
    const resumed = lendsim(['run', file, '--out', out, '--shard', '1/2', '--resume', ...synthetic]);
    expect(resumed.stderr).toMatch(/shard 1\/2 was already complete/);
  });

  it('refuses shards that do not belong together, names missing shards with the command, and damaged files', () => {
    const dir = tempDir();
    const file = scenario(dir, 4);
    const out = join(dir, 'o');
    for (const i of [0, 2]) expect(lendsim(['run', file, '--out', out, '--shard', `${i}/3`, '--quiet', ...synthetic]).status).toBe(0);
    const missing = lendsim(['merge', out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/1 of 3 shards missing: 1; run it \(on any machine, into this directory's shards\/\), then merge again:\n\s+.*main\.js run .*s\.yaml --out .*o --resume --runner .*synthetic\.mjs --shard 1\/3\n/);
    expect(readdirSync(out)).toEqual(['shards']);

    // Shard 1 made with another seed: another experiment.
    expect(lendsim(['run', file, '--out', out, '--shard', '1/3', '--seed', '5', '--quiet', ...synthetic]).status).toBe(0);
    const mixed = lendsim(['merge', out]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/do not belong together/);
    expect(mixed.stderr).toMatch(/shard-0001-of-0003\.lss: differ from those in content hash \w+ vs \w+ \(another scenario, sweep, --runs or --seed\); seed 5 vs 20251001/);

    // Another split of the same run mixed in.
    const other = join(dir, 'p');
    for (const i of [0, 1, 2]) expect(lendsim(['run', file, '--out', other, '--shard', `${i}/3`, '--quiet', ...synthetic]).status).toBe(0);
    expect(lendsim(['run', file, '--out', other, '--shard', '0/2', '--quiet', ...synthetic]).status).toBe(0);
    const split = lendsim(['merge', other]);
    expect(split.status).toBe(2);
    expect(split.stderr).toMatch(/shard-0000-of-0002\.lss: differ from those in split into 2 vs 3 shards/);

    // A truncated shard file: named, with the command that makes it again.
    const damaged = join(dir, 'd');
    mkdirSync(join(damaged, 'shards'), { recursive: true });
    for (const i of [0, 1, 2]) copyFileSync(join(other, 'shards', shardFileName({ index: i, count: 3 })), join(damaged, 'shards', shardFileName({ index: i, count: 3 })));
    const victim = join(damaged, 'shards', 'shard-0002-of-0003.lss');
    truncateSync(victim, statSync(victim).size - 100);
    const torn = lendsim(['merge', damaged]);
    expect(torn.status).toBe(2);
    expect(torn.stderr).toMatch(/shard-0002-of-0003\.lss: truncated at record \d+ \(byte \d+\); run that shard again:\n\s+.* --shard 2\/3/);
    expect(lendsim(['merge', join(dir, 'nothing')]).stderr).toMatch(/no such directory/);
  });
});

describe('lendsim sweep --shard and lendsim merge', () => {
  it('merges 4 shards of a sweep into the sweep.json and point files one machine writes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'base.yaml'), 'name: base\nruns: 5\nmonths: 8\nruleStartMonth: 4\noutputs: { report: false }\n');
    const file = join(dir, 'grid.yaml');
    writeFileSync(file, 'sweep: grid\nbase: base.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.18, 0.24, 0.3]\n  regimes.after.listCostPerPartner: [0, 3000000]\n');
    const one = lendsim(['sweep', file, '--out', join(dir, 'one'), '--quiet', ...synthetic]);
    expect(one.status, one.stderr).toBe(0);
    const out = join(dir, 'sharded');
    for (let i = 0; i < 4; i++) {
      const r = lendsim(['sweep', file, '--out', out, '--shard', `${i}/4`, '--workers', '1', '--quiet', ...synthetic]);
      expect(r.status, r.stderr).toBe(0);
    }
    const h = readShardHeader(join(out, 'shards', 'shard-0003-of-0004.lss')).header;
    expect(h).toMatchObject({ kind: 'sweep', name: 'grid', runs: 5, shards: 4, shard: 3, tasks: 15 }); // 6 points x 5 runs x 2 arms = 60 tasks
    const m = lendsim(['merge', out]);
    expect(m.status, m.stderr).toBe(0);
    expect(read(out, 'sweep.json')).toBe(read(dir, 'one', 'sweep.json'));
    expect(read(out, 'sweep.csv')).toBe(read(dir, 'one', 'sweep.csv'));
    for (const p of ['000', '005']) for (const f of ['summary.json', 'runs.csv', 'timeseries.csv', 'scenario.json']) expect(read(out, 'points', p, f), `${p}/${f}`).toBe(read(dir, 'one', 'points', p, f));
    expect(JSON.parse(read(out, 'manifest.json'))).toMatchObject({ points: 6, runsComputed: 0, runsReused: 60, mergedShards: { count: 4 } });
  });
});
