import { describe, expect, it } from 'vitest';
import { chooseWorkers, estimateWorkerBytes } from '../../sim/run/memoryGuard.js';
import { defaultOutDir, slug } from '../../sim/run/outDir.js';
import { createProgress, formatDuration } from '../../sim/run/progress.js';
import { reproduceCommand, resumeCommand, shellQuote } from '../../sim/run/reproduce.js';
import { canonicalJson, scenarioHash } from '../../sim/run/hash.js';
import { tinyScenario } from './helpers.js';

describe('memory guard', () => {
  const s = tinyScenario();
  const per = estimateWorkerBytes(s); // 64 MiB + per borrower 100 B + 5 loan slots x 48 B each
  const GB = 1e9;

  it('estimates about 100 bytes per borrower plus loans plus a thread', () => {
    expect(per).toBe(64 * 1024 * 1024 + s.borrowers.count * (100 + s.borrowers.maxConcurrentLoans * 48));
  });

  it('keeps an explicit --workers that fits, refuses one that does not', () => {
    expect(chooseWorkers(3, 8, s, 16 * GB)).toEqual({ workers: 3, note: null, problem: null });
    const fit = Math.floor((0.7 * GB) / per);
    const r = chooseWorkers(fit + 1, 8, s, 1 * GB);
    expect(r.workers).toBe(0);
    expect(r.problem).toMatch(new RegExp(`--workers ${fit + 1} would need .* more than 70% of this machine's 1.0 GB: use --workers ${fit} or fewer`));
  });

  it('lowers the default (one per core) to what fits, with a note', () => {
    const r = chooseWorkers(undefined, 64, s, 1 * GB);
    expect(r.workers).toBe(Math.floor((0.7 * GB) / per));
    expect(r.note).toMatch(/instead of 64/);
  });

  it('refuses when not even one worker fits', () => {
    expect(chooseWorkers(undefined, 2, s, 0.1 * GB).problem).toMatch(/one run needs about .* fewer borrowers/);
  });
});

describe('output directory', () => {
  it('makes scenario names path-safe', () => {
    expect(slug('china-2025')).toBe('china-2025');
    expect(slug('China 2025 / base')).toBe('China-2025-base');
    expect(slug('../../etc')).toBe('etc');
    expect(slug('..')).toBe('scenario');
    expect(slug('情景')).toBe('scenario');
    expect(defaultOutDir('cap 24%')).toBe('output/cap-24');
  });
});

describe('progress', () => {
  function capture(tty: boolean) {
    let text = '';
    let now = 0;
    const p = createProgress({ total: 10, alreadyDone: 2, stream: { write: (s: string) => (text += s), isTTY: tty, columns: 100 }, now: () => now, plainEveryMs: 5000 });
    return { p, out: () => text, at: (t: number) => (now = t) };
  }

  it('on a terminal: a bar redrawn in place with runs/s and ETA, counting only this process\'s runs', () => {
    const c = capture(true);
    c.at(2000);
    c.p.update(6);
    expect(c.out()).toMatch(/^\r\x1b\[K\[#{24}\.{16}\] 6\/10 runs {2}2\.00 runs\/s {2}ETA 2s$/);
    c.p.finish();
    expect(c.out()).toMatch(/\r\x1b\[Klendsim: 6\/10 runs done \(4 in 2s\)\n$/);
  });

  it('elsewhere: a plain line every few seconds, nothing in between', () => {
    const c = capture(false);
    c.at(1000);
    c.p.update(3);
    expect(c.out()).toBe('');
    c.at(5000);
    c.p.update(4);
    expect(c.out()).toBe('lendsim: 4/10 runs  0.40 runs/s  ETA 15s\n');
    c.at(6000);
    c.p.update(5);
    expect(c.out().split('\n')).toHaveLength(2);
  });

  it('formats durations', () => {
    expect([formatDuration(4.4), formatDuration(75), formatDuration(3700), formatDuration(Infinity)]).toEqual(['4s', '1m15s', '1h01m', '?']);
  });
});

describe('commands to paste', () => {
  const parts = { program: 'npx lendsim', scenarioFile: 'my scenarios/a.yaml', seed: 5, runs: 8 };
  it('quote what the shell would split', () => {
    expect(shellQuote('plain/path-1.yaml')).toBe('plain/path-1.yaml');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    expect(reproduceCommand(parts, 3, 'policy')).toBe("npx lendsim run 'my scenarios/a.yaml' --seed 5 --runs 8 --only-run 3 --arm policy");
    expect(resumeCommand(parts, 'out/x', 2)).toBe("npx lendsim run 'my scenarios/a.yaml' --seed 5 --runs 8 --out out/x --workers 2 --resume");
  });
});

describe('scenario hash', () => {
  it('ignores key order and sees every value', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const s = tinyScenario();
    expect(scenarioHash(s)).toBe(scenarioHash(JSON.parse(JSON.stringify(s))));
    expect(scenarioHash({ ...s, seed: s.seed + 1 })).not.toBe(scenarioHash(s));
  });
});
