import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedBankIds, pack } from '../../sim/model/pack.js';
import { storeMeta } from '../../sim/run/experiment.js';
import { RunStore } from '../../sim/run/store.js';
import { syntheticRun } from '../analysis/synthetic.js';
import { tempDir, tinyScenario } from './helpers.js';

const scenario = tinyScenario({ runs: 3, months: 5, ruleStartMonth: 2, seed: 11 });
const meta = storeMeta(scenario);
const opts = { months: 5, ruleStartMonth: 2, banks: namedBankIds(scenario).length, seed: 11 };
const packed = (arm: 'policy' | 'counterfactual', run: number) => pack(syntheticRun(opts, arm, run));
const log = (dir: string) => join(dir, 'runs', 'runs.log');

describe('RunStore', () => {
  it('appends runs and reads them back in run-index order, whatever order they came in', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    const order: [('policy' | 'counterfactual'), number][] = [[ 'counterfactual', 2 ], ['policy', 0], ['policy', 2], ['counterfactual', 0], ['policy', 1], ['counterfactual', 1]];
    for (const [arm, run] of order.slice(0, 4)) expect(store.append(packed(arm, run))).toBe(true);
    expect(store.append(packed('policy', 0))).toBe(false); // already stored
    expect(store.count).toBe(4);
    expect(store.missing()).toEqual([{ runIndex: 1, arm: 'policy' }, { runIndex: 1, arm: 'counterfactual' }]);
    expect(() => [...store.results()]).toThrow(/4 of 6 runs/);
    for (const [arm, run] of order.slice(4)) store.append(packed(arm, run));
    const back = [...store.results()].map((r) => `${r.runIndex}${r.arm[0]}`);
    expect(back).toEqual(['0p', '0c', '1p', '1c', '2p', '2c']);
    expect(Array.from([...store.results()][3]!.series)).toEqual(Array.from(syntheticRun(opts, 'counterfactual', 1).series));
    store.close();
    store.close();
    expect(existsSync(join(dir, 'runs', 'lock'))).toBe(false);
  });

  it('refuses a run of another experiment', () => {
    const store = RunStore.open(tempDir(), meta, { mode: 'new' });
    expect(() => store.append(pack(syntheticRun({ ...opts, months: 4 }, 'policy', 0)))).toThrow(/does not belong/);
    expect(() => store.append(pack(syntheticRun(opts, 'policy', 3)))).toThrow(/does not belong/);
    store.close();
  });

  it('refuses a run of another run set: its run seed is not the one (seed, run index) gives', () => {
    // Another seed's run 0, appended and found on resume (a runs.log copied from another directory).
    const store = RunStore.open(tempDir(), meta, { mode: 'new' });
    expect(() => store.append(pack(syntheticRun({ ...opts, seed: 12 }, 'policy', 0)))).toThrow(/run seed \d+, run 0 of seed 11 has \d+: it belongs to another run set/);
    store.close();
    const other = tempDir();
    const otherMeta = storeMeta({ ...scenario, seed: 12 });
    const foreign = RunStore.open(other, otherMeta, { mode: 'new' });
    foreign.append(pack(syntheticRun({ ...opts, seed: 12 }, 'policy', 0)));
    foreign.close();
    const dir = tempDir();
    RunStore.open(dir, meta, { mode: 'new' }).close();
    writeFileSync(log(dir), readFileSync(log(other)));
    expect(() => RunStore.open(dir, meta, { mode: 'resume' })).toThrow(/runs\.log: the record at byte 0: .*another run set; pass --fresh/);
    RunStore.open(dir, meta, { mode: 'fresh' }).close();
  });

  it('drops a torn last record (a write cut by SIGKILL) and keeps the others', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    store.append(packed('policy', 0));
    store.append(packed('counterfactual', 0));
    store.close();
    const whole = statSync(log(dir)).size;
    // Half of a third record: header and part of the payload.
    const third = Buffer.from(readFileSync(log(dir)).subarray(0, whole / 2));
    appendFileSync(log(dir), third.subarray(0, 1000));
    const again = RunStore.open(dir, meta, { mode: 'resume' });
    expect(again.count).toBe(2);
    expect(again.droppedBytes).toBe(1000);
    expect(statSync(log(dir)).size).toBe(whole);
    again.append(packed('policy', 1));
    expect(again.count).toBe(3);
    again.close();
    expect(RunStore.open(dir, meta, { mode: 'resume' }).count).toBe(3);
  });

  it('drops a record whose bytes were damaged (CRC) and everything after it', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    store.append(packed('policy', 0));
    store.append(packed('counterfactual', 0));
    store.close();
    const bytes = readFileSync(log(dir));
    const second = bytes.length / 2;
    bytes[second + 100] = bytes[second + 100]! ^ 0xff;
    writeFileSync(log(dir), bytes);
    const again = RunStore.open(dir, meta, { mode: 'resume' });
    expect(again.count).toBe(1);
    expect(again.has('policy', 0)).toBe(true);
    expect(again.droppedBytes).toBe(bytes.length - second);
    again.close();
  });

  it('one bad byte in an early record loses that run only: the scan resyncs at the next record, and says how many were lost', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    for (const run of [0, 1, 2]) store.append(packed('policy', run));
    store.close();
    const bytes = readFileSync(log(dir));
    const record = bytes.length / 3;
    bytes[100] = bytes[100]! ^ 0xff; // inside the first record's payload
    writeFileSync(log(dir), bytes);
    const again = RunStore.open(dir, meta, { mode: 'resume' });
    expect([again.count, again.has('policy', 0), again.has('policy', 1), again.has('policy', 2)]).toEqual([2, false, true, true]);
    expect(again.notes()).toEqual([`${log(dir)}: damaged records dropped (${record} bytes at byte 0): 1 run lost and will run again; the 2 runs around them are kept`]);
    expect(statSync(log(dir)).size).toBe(2 * record); // the log was rewritten without the damage
    again.append(packed('policy', 0));
    again.close();
    const reopened = RunStore.open(dir, meta, { mode: 'resume' });
    expect([reopened.count, reopened.notes()]).toEqual([3, []]);
    expect(new Uint8Array(reopened.read('policy', 1))).toEqual(new Uint8Array(packed('policy', 1)));
    reopened.close();
  });

  it('drops a torn header (a few bytes)', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    store.append(packed('policy', 0));
    store.close();
    appendFileSync(log(dir), Buffer.from([0x4c, 0x53, 0x52]));
    const again = RunStore.open(dir, meta, { mode: 'resume' });
    expect([again.count, again.droppedBytes]).toEqual([1, 3]);
    again.close();
  });

  it('without resume, refuses a directory that holds runs; --fresh discards them', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    store.append(packed('policy', 0));
    store.close();
    expect(() => RunStore.open(dir, meta, { mode: 'new' })).toThrow(/already holds 1 of 6 runs of this experiment; pass --resume/);
    const fresh = RunStore.open(dir, meta, { mode: 'fresh' });
    expect(fresh.count).toBe(0);
    fresh.close();
    // A store with no runs in it is not worth refusing over.
    RunStore.open(dir, meta, { mode: 'new' }).close();
  });

  it('refuses to resume runs of another experiment, naming every difference', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    store.append(packed('policy', 0));
    store.close();
    const other = storeMeta({ ...scenario, seed: 12, runs: 4 });
    let message = '';
    try {
      RunStore.open(dir, other, { mode: 'resume' });
    } catch (err) {
      message = (err as Error).message;
      expect((err as Error).name).toBe('InputError');
    }
    expect(message).toMatch(/cannot resume in .*another experiment/);
    expect(message).toMatch(/seed: stored 11, now 12/);
    expect(message).toMatch(/runs: stored 3, now 4/);
    expect(message).toMatch(/scenario: .*differs/);
    expect(() => RunStore.open(dir, other, { mode: 'new' })).toThrow(/another experiment \(scenario tiny, seed 11, 3 runs\)/);
  });

  it('locks the directory against a second live process, and takes over a dead one\'s lock', () => {
    const dir = tempDir();
    const store = RunStore.open(dir, meta, { mode: 'new' });
    const lock = join(dir, 'runs', 'lock');
    const mine = readFileSync(lock, 'utf8');
    // Pretend the lock belongs to a live process: our parent.
    writeFileSync(lock, mine.replace(String(process.pid), String(process.ppid)));
    expect(() => RunStore.open(dir, meta, { mode: 'resume' })).toThrow(/in use by another lendsim \(process \d+\)/);
    // A killed process's lock (no such pid) is stale.
    writeFileSync(lock, mine.replace(String(process.pid), '999999999'));
    const again = RunStore.open(dir, meta, { mode: 'resume' });
    again.close();
    store.close();
    expect(readdirSync(join(dir, 'runs')).sort()).toEqual(['meta.json', 'runs.log']);
  });

  it('cuts a log that ends inside its first record to empty', () => {
    const dir = tempDir();
    RunStore.open(dir, meta, { mode: 'new' }).close();
    writeFileSync(log(dir), Buffer.from(packed('policy', 0)).subarray(0, 50));
    truncateSync(log(dir), 40);
    const again = RunStore.open(dir, meta, { mode: 'resume' });
    expect([again.count, again.droppedBytes]).toEqual([0, 40]);
    again.close();
  });
});
