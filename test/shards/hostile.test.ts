// Shard files that cannot lie: `lendsim merge` checks every header field and record it uses, and
// refuses an edited, malformed or foreign file cleanly (exit 2, naming the file), before using it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../sim/cli/errors.js';
import { mergeShards } from '../../sim/run/shardMerge.js';
import { planHash, type SweepPlan } from '../../sim/sweep/plan.js';
import { distWorkerUrl, fixturePath, lendsim, tempDir } from '../run/helpers.js';

const NAME = 'shard-0000-of-0001.lss';
let shardFile = '';
let root = '';

beforeAll(() => {
  distWorkerUrl();
  root = tempDir();
  writeFileSync(join(root, 'base.yaml'), 'name: base\nruns: 2\nmonths: 6\nruleStartMonth: 3\noutputs: { report: false }\n');
  writeFileSync(join(root, 'grid.yaml'), 'sweep: grid\nbase: base.yaml\nvary:\n  regimes.after.comprehensiveCap: [0.18, 0.3]\n');
  const r = lendsim(['sweep', join(root, 'grid.yaml'), '--out', join(root, 'made'), '--shard', '0/1', '--quiet', '--runner', fixturePath('synthetic.mjs')]);
  expect(r.status, r.stderr).toBe(0);
  shardFile = join(root, 'made', 'shards', NAME);
});

type Header = Record<string, unknown> & { plan: SweepPlan };

/** A copy of the shard in a directory of its own, its header and records edited; returns the directory. */
function variant(name: string, edit: (h: Header) => unknown, body: (records: Buffer) => void = () => {}): string {
  const bytes = readFileSync(shardFile);
  const nl = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as Header;
  const records = Buffer.from(bytes.subarray(nl + 1));
  const edited = edit(header) ?? header;
  body(records);
  const dir = join(root, name);
  mkdirSync(join(dir, 'shards'), { recursive: true });
  writeFileSync(join(dir, 'shards', NAME), Buffer.concat([Buffer.from(`${JSON.stringify(edited)}\n`), records]));
  return dir;
}

/** Set float64 `index` of record 0's payload and fix its CRC (a record that passes its checksum). */
function setPayloadValue(records: Buffer, index: number, value: number): void {
  const length = records.readUInt32LE(4);
  const payload = records.subarray(20, 20 + length);
  payload.writeDoubleLE(value, index * 8);
  records.writeUInt32LE(crc32(payload), 8);
}

/** `lendsim merge DIR` refuses: exit 2, the file named, no stack trace, nothing summarized. */
function refusedByCli(dir: string, pattern: RegExp): void {
  const r = lendsim(['merge', dir], { timeoutMs: 30_000 });
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).toMatch(new RegExp(`${NAME.replace(/\./g, '\\.')}`));
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.status).toBe(2);
  expect(existsSync(join(dir, 'sweep.json'))).toBe(false);
}

/** The same refusal in this process (quicker): an InputError (the CLI's exit 2, no stack) naming the file. */
async function refused(dir: string, pattern: RegExp): Promise<void> {
  const err = await mergeShards({ outDir: dir, command: 'lendsim merge' }).then(() => null, (e: unknown) => e as Error);
  expect(err).toBeInstanceOf(InputError);
  expect(err!.message).toMatch(pattern);
  expect(err!.message).toContain(NAME);
  expect(existsSync(join(dir, 'sweep.json'))).toBe(false);
}

describe('lendsim merge refuses a sweep shard whose header lies', () => {
  it('a point index that is not its position (a path out of DIR) is refused, and nothing is made outside DIR', async () => {
    const dir = variant('escape', (h) => {
      h.plan.points[1]!.index = '../../escaped' as unknown as number;
    });
    refusedByCli(dir, /index|expected/);
    expect(readdirSync(dirname(dir))).not.toContain('escaped');
    expect(existsSync(join(dirname(dirname(dir)), 'escaped'))).toBe(false);
    await refused(variant('index5', (h) => {
      h.plan.points[1]!.index = 5;
    }), /point 1 of its plan says index 5; expected 1/);
  });

  it('swapped point values are refused: the plan hash is recomputed, and each value checked against its scenario', async () => {
    const swap = (h: Header) => {
      const [a, b] = h.plan.points;
      [a!.values, b!.values] = [b!.values, a!.values];
    };
    await refused(variant('swapped', swap), /does not match its content hash|is labelled/);
    await refused(variant('swapped-rehashed', (h) => {
      swap(h);
      h.plan.hash = planHash(h.plan);
      h.hash = h.plan.hash;
    }), /point 0 is labelled regimes\.after\.comprehensiveCap = 0\.3, its scenario holds 0\.18/);
  });

  it('a header with only a format, an absurd shard count, or an empty plan is refused naming the file', async () => {
    await refused(variant('only-format', () => ({ format: 'lendsim-shard/1' })), /its header is not a valid lendsim-shard\/1 header: kind/);
    await refused(variant('billion', (h) => {
      h.shards = 1e9;
    }), /shards: .*100000/);
    await refused(variant('empty-plan', (h) => {
      h.plan = {} as SweepPlan;
    }), /its plan is not a sweep plan/);
    await refused(variant('escape-sequence', (h) => {
      h.command = 'lendsim \u001b]0;owned\u0007';
    }), /command: expected text without control characters/);
  });
});

describe('lendsim merge refuses records that are malformed or of another run set', () => {
  it('a payload that passes its checksum but is not a complete run', async () => {
    await refused(variant('malformed', () => undefined, (r) => setPayloadValue(r, 9, 1e6)), /record 0|unpack/);
  });

  it('a run of another run set (its run seed is not the one (seed, run index) gives)', async () => {
    await refused(variant('foreign-seed', () => undefined, (r) => setPayloadValue(r, 4, 12345)), /record 0.*run seed 12345.*another run set/);
  });

  it('a record of an experiment the sweep does not have', async () => {
    await refused(variant('member', () => undefined, (r) => r.writeUInt32LE(7, 12)), /record 0 is of experiment 7, the run set has 2/);
  });

  it('a FIFO named *.lss is refused at once, not waited on', async () => {
    const dir = join(root, 'fifo');
    mkdirSync(join(dir, 'shards'), { recursive: true });
    expect(spawnSync('mkfifo', [join(dir, 'shards', NAME)]).status).toBe(0);
    refusedByCli(dir, /expected a regular file, found a FIFO/);
  });

  it('the unedited shard merges (the refusals above are the edits\' doing)', async () => {
    const r = lendsim(['merge', variant('unedited', () => undefined), '--quiet']);
    expect(r.status, r.stderr).toBe(0);
  });
});
