// The tables for pandas and R, read back with a CSV parser and compared with summary.json:
// runs-monthly.csv (every run, month and metric), runs.csv (the end window of it), timeseries.csv
// with n and sd, float-typed metric columns, scenario.json (which reruns to the same bytes), and
// for a sweep sweep-runs-monthly.csv. pandas and R read them too (scripts/read-tables.*) where
// installed; with CI=true they must be (.ci/run installs python3-pandas and r-base-core).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../analysis/report/csv.js';
import { stat } from '../../analysis/stats/stat.js';
import type { Summary } from '../../analysis/stats/summary.js';
import { METRIC_NAMES } from '../../sim/model/metricNames.js';
import { lendsim, ROOT, tempDir } from './helpers.js';

const CI = process.env.CI === 'true';
const RUNS = 3;
const MONTHS = 8;
let dir = '';
let out = '';
let summary: Summary;

/** A CSV file as objects keyed by its header. */
function table(file: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
}
const num = (s: string | undefined) => (s === undefined || s === '' ? NaN : Number(s));
const FLOAT = /^-?(\d+\.\d+(e[+-]\d+)?|\d(\.\d+)?e[+-]\d+)$/;

beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'tbl.yaml'), `extends: ${join(ROOT, 'scenarios/small.yaml')}\nname: tbl\nruns: ${RUNS}\nmonths: ${MONTHS}\nruleStartMonth: 4\nborrowers: { count: 2000 }\n`);
  out = join(dir, 'out');
  const r = lendsim(['run', join(dir, 'tbl.yaml'), '--out', out, '--workers', '2', '--quiet']);
  if (r.status !== 0) throw new Error(r.stderr);
  summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
});

describe('run tables', () => {
  it('runs-monthly.csv has every run, arm, month and metric; runs.csv is its end-window mean; both agree with summary.json', () => {
    const monthly = table(join(out, 'runs-monthly.csv'));
    expect(readFileSync(join(out, 'runs-monthly.csv'), 'utf8').split('\n', 1)[0]).toBe('run,arm,seed,month,metric,value');
    expect(monthly).toHaveLength(RUNS * 2 * MONTHS * METRIC_NAMES.length);
    const runs = table(join(out, 'runs.csv'));
    expect(runs).toHaveLength(RUNS * 2);
    const byKey = new Map<string, number[]>();
    for (const m of monthly) {
      if (num(m.month) < MONTHS - 3) continue;
      const key = `${m.run}|${m.arm}|${m.metric}`;
      byKey.set(key, [...(byKey.get(key) ?? []), num(m.value)]);
    }
    for (const row of runs) {
      expect(monthly.find((m) => m.run === row.run && m.arm === row.arm)!.seed).toBe(row.seed);
      for (const metric of METRIC_NAMES) {
        const vals = byKey.get(`${row.run}|${row.arm}|${metric}`)!.filter(Number.isFinite);
        const want = vals.length === 0 ? NaN : vals.reduce((a, b) => a + b, 0) / vals.length;
        expect(num(row[metric]), `${row.run} ${row.arm} ${metric}`).toBe(want);
      }
    }
    for (const arm of ['policy', 'counterfactual'] as const) {
      for (const metric of METRIC_NAMES) {
        const s = stat(runs.filter((r) => r.arm === arm).map((r) => num(r[metric])));
        expect(s, `${arm} ${metric}`).toEqual(summary.arms[arm].end[metric]);
      }
    }
  });

  it('timeseries.csv carries n and sd, recomputed from runs-monthly.csv', () => {
    const ts = table(join(out, 'timeseries.csv'));
    expect(Object.keys(ts[0]!)).toEqual(['arm', 'month', 'metric', 'mean', 'lo', 'hi', 'n', 'sd']);
    const monthly = table(join(out, 'runs-monthly.csv'));
    for (const row of ts.filter((_, i) => i % 7 === 0)) {
      const vals = monthly.filter((m) => m.arm === row.arm && m.month === row.month && m.metric === row.metric).map((m) => num(m.value)).filter(Number.isFinite);
      const s = stat(vals);
      expect(num(row.n)).toBe(s.n);
      if (s.n > 1) {
        expect(Math.abs(num(row.mean) - s.mean!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(s.mean!)));
        // Two summation orders of the same numbers: the sd agrees to 1e-9 of itself, or to the float
        // error of values of the mean's size (bank capital, 1.5e12, hardly moves across runs).
        const tol = 1e-9 * Math.max(1, Math.abs(s.sd!)) + 1e-14 * Math.abs(s.mean!) * Math.sqrt(s.n);
        expect(Math.abs(num(row.sd) - s.sd!), `${row.arm} ${row.month} ${row.metric}`).toBeLessThanOrEqual(tol);
      } else expect(row.sd).toBe('');
    }
  });

  it('metric values are always written as floats (a share that is 0 is 0.0); counts stay integers', () => {
    const runsText = readFileSync(join(out, 'runs.csv'), 'utf8');
    const runs = table(join(out, 'runs.csv'));
    for (const r of runs) {
      expect(r.run).toMatch(/^\d+$/);
      for (const m of METRIC_NAMES) if (r[m] !== '') expect(r[m], m).toMatch(FLOAT);
    }
    expect(runsText).toMatch(/,0\.0[,\n]/); // some share is exactly 0 in this market
    for (const m of table(join(out, 'runs-monthly.csv'))) if (m.value !== '') expect(m.value).toMatch(FLOAT);
    for (const t of table(join(out, 'timeseries.csv'))) {
      for (const c of ['mean', 'lo', 'hi', 'sd'] as const) if (t[c] !== '') expect(t[c]).toMatch(FLOAT);
      expect(t.n).toMatch(/^\d+$/);
    }
  });

  it('scenario.json is the resolved scenario, and lendsim run DIR/scenario.json reruns it to the same summary', () => {
    const scenario = JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8'));
    expect(scenario).toMatchObject({ name: 'tbl', runs: RUNS, months: MONTHS, borrowers: { count: 2000 } });
    const again = join(dir, 'again');
    const r = lendsim(['run', join(out, 'scenario.json'), '--out', again, '--workers', '2', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(again, 'summary.json'), 'utf8')).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(readFileSync(join(again, 'runs-monthly.csv'), 'utf8')).toBe(readFileSync(join(out, 'runs-monthly.csv'), 'utf8'));
  });

  /** The first interpreter that can run `probe`, or null. */
  function interpreter(candidates: string[], probe: string[]): string | null {
    return candidates.find((c) => spawnSync(c, probe, { encoding: 'utf8' }).status === 0) ?? null;
  }

  it('pandas reads the tables with float columns and agrees with summary.json (scripts/read-tables.py)', (ctx) => {
    const python = interpreter(['python3', '/usr/bin/python3'], ['-c', 'import pandas']);
    if (!python) {
      if (CI) throw new Error('pandas is missing (python3-pandas): .ci/run installs it');
      process.stderr.write('\n*** SKIPPED the pandas check: no python3 with pandas (apt-get install python3-pandas)\n\n');
      return ctx.skip();
    }
    const r = spawnSync(python, [join(ROOT, 'scripts/read-tables.py'), out], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/\nok\n$/);
    expect(r.status).toBe(0);
  });

  it('R reads the tables with double columns (scripts/read-tables.R)', (ctx) => {
    const rscript = interpreter(['Rscript'], ['-e', 'invisible(0)']);
    if (!rscript) {
      if (CI) throw new Error('R is missing (r-base-core): .ci/run installs it');
      process.stderr.write('\n*** SKIPPED the R check: no Rscript (apt-get install r-base-core)\n\n');
      return ctx.skip();
    }
    const r = spawnSync(rscript, [join(ROOT, 'scripts/read-tables.R'), out], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('ok\n');
    expect(r.status).toBe(0);
  });
});
