// Points that change nothing: identical results are named, with the lower caps of the same regime
// that bind first (analysis/sweep/sameResults.ts), on stderr and in the sweep's report; the sweep's
// long table (sweep-runs-monthly.csv) carries the swept field in front of every point's rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identicalGroups, lowerCaps, sameResultsNotes, type PointResult } from '../../analysis/sweep/sameResults.js';
import { lendsim, ROOT, tempDir } from '../run/helpers.js';

const after = { comprehensiveCap: 0.24, nominalCap: 0.24, outerCap: 0.24 };
const regimes = (cap: number) => ({ before: { comprehensiveCap: null, nominalCap: 0.24, outerCap: 0.36 }, after: { ...after, comprehensiveCap: cap } });
const point = (cap: number, result: number): PointResult => ({ values: { 'regimes.after.comprehensiveCap': cap }, summary: { arms: { x: result }, effect: { y: result } } });
const FIELD = ['regimes.after.comprehensiveCap'];

describe('sameResults', () => {
  it('lowerCaps names the caps of the same regime below the swept value', () => {
    expect(lowerCaps(FIELD[0]!, 0.3, regimes(0.3))).toEqual(['regimes.after.nominalCap = 0.24', 'regimes.after.outerCap = 0.24']);
    expect(lowerCaps(FIELD[0]!, 0.24, regimes(0.24))).toEqual([]);
    expect(lowerCaps('regimes.after.outerCap', 0.3, { after: { comprehensiveCap: null, nominalCap: 0.36, outerCap: 0.3 } })).toEqual([]);
    expect(lowerCaps('borrowers.count', 5, regimes(0.3))).toEqual([]);
    expect(lowerCaps(FIELD[0]!, 0.3, null)).toEqual([]);
  });

  it('groups identical results and says what binds first', () => {
    const pts = [point(0.2, 1), point(0.24, 2), point(0.28, 2), point(0.32, 2)];
    expect(identicalGroups(pts)).toEqual([[1, 2, 3]]);
    expect(sameResultsNotes(FIELD, pts, pts.map((p) => regimes(p.values[FIELD[0]!] as number)))).toEqual([
      'points 1, 2 and 3 give identical results (regimes.after.comprehensiveCap = 0.24, 0.28 and 0.32): the sweep changes nothing there; ' +
        'what binds first there: regimes.after.nominalCap = 0.24 and regimes.after.outerCap = 0.24, below the swept value (raise them with `set:` to let the swept field bind).',
    ]);
  });

  it('says nothing when every point differs and no cap lies above a lower one; warns on caps alone when results still differ', () => {
    const pts = [point(0.2, 1), point(0.22, 2)];
    expect(sameResultsNotes(FIELD, pts, pts.map(() => regimes(0.2)))).toEqual([]);
    const above = [point(0.2, 1), point(0.3, 2)];
    expect(sameResultsNotes(FIELD, above, [regimes(0.2), regimes(0.3)])).toEqual([
      'at points 1 the swept cap lies above regimes.after.nominalCap = 0.24 and regimes.after.outerCap = 0.24, which bind first: prices there do not feel the swept cap.',
    ]);
    expect(sameResultsNotes(FIELD, [point(0.2, 1), point(0.3, 1)], [null, null])[0]).toMatch(/^all 2 points give identical results .*something else binds first/);
  });

  it('lendsim sweep over the comprehensive cap above 0.24 warns on stderr and in the report', () => {
    const dir = tempDir();
    const file = join(dir, 'caps.yaml');
    writeFileSync(file, `sweep: caps-above\nbase: ${join(ROOT, 'scenarios/small.yaml')}\nset:\n  borrowers.count: 1000\n  months: 5\n  ruleStartMonth: 2\nvary:\n  regimes.after.comprehensiveCap: [0.24, 0.28, 0.32]\nruns: 2\n`);
    const r = lendsim(['sweep', file, '--out', join(dir, 'out'), '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('lendsim: warning: all 3 points give identical results (regimes.after.comprehensiveCap = 0.24, 0.28 and 0.32): the sweep changes nothing there; what binds first there: regimes.after.nominalCap = 0.24 and regimes.after.outerCap = 0.24');
    const report = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(report).toContain('<h2>Points that change nothing</h2>');
    expect(report).toContain('what binds first there: regimes.after.nominalCap = 0.24 and regimes.after.outerCap = 0.24');
    // sweep-runs-monthly.csv: each point's runs-monthly.csv with the point and its swept value in front
    const long = readFileSync(join(dir, 'out', 'sweep-runs-monthly.csv'), 'utf8').trimEnd().split('\n');
    expect(long[0]).toBe('point,regimes.after.comprehensiveCap,run,arm,seed,month,metric,value');
    const caps = ['0.24', '0.28', '0.32'];
    const expected = caps.flatMap((cap, i) => readFileSync(join(dir, 'out', 'points', `00${i}`, 'runs-monthly.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => `${i},${cap},${l}`));
    expect(long.slice(1)).toEqual(expected);
  });
});
