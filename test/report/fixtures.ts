/** Shared inputs of the report tests: a real small experiment, a sweep made from it, a hostile scenario. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from '../../analysis/stats/summary.js';
import { CLI, lendsim, ROOT, tempDir, type Ran } from '../run/helpers.js';

export { CLI, lendsim, ROOT, tempDir, type Ran };

/** `lendsim run scenarios/small.yaml --runs 2 --workers 2 --out DIR` (the real engine); returns DIR. */
export function smallRun(scenario = 'scenarios/small.yaml', extra: string[] = []): string {
  const out = join(tempDir('lendsim-report-'), 'small');
  const r = lendsim(['run', scenario, '--runs', '2', '--workers', '2', '--out', out, '--quiet', ...extra]);
  if (r.status !== 0) throw new Error(`lendsim run ${scenario} failed (exit ${r.status}):\n${r.stderr}`);
  return out;
}

/** Text a hostile scenario puts where the report shows scenario text. */
export const HOSTILE = {
  name: '<img src=x onerror="alert(1)"></script><script>alert(2)</script>&amp;',
  description: 'Described <b>boldly</b> <script>alert(3)</script>',
  bank: '<b>Yillion</b><script>alert(4)</script>',
};

/** A scenario file extending small.yaml whose name, description and a bank's name hold HTML and script. */
export function hostileScenario(dir: string): string {
  const file = join(dir, 'hostile.yaml');
  writeFileSync(file, [
    `extends: ${join(ROOT, 'scenarios/small.yaml')}`,
    `name: ${JSON.stringify(HOSTILE.name)}`,
    `description: ${JSON.stringify(HOSTILE.description)}`,
    'banks:',
    '  named:',
    '    yillion:',
    `      name: ${JSON.stringify(HOSTILE.bank)}`,
    '',
  ].join('\n'));
  return file;
}

export const SWEEP_FIELD = 'regimes.after.comprehensiveCap';
export const SWEEP_CAPS = [0.18, 0.2, 0.22, 0.24, 0.3, 0.36];

/**
 * A sweep.json (CONTRACT.md layout) made from one real summary: at each cap the point's summary is
 * the real one with the rule's bite scaled (a lower cap: more banks without partners, fewer links),
 * so the charts have shapes to draw and known exit caps: the zero-partner share of city banks is
 * 1 - (cap - 0.18) / 0.1 clipped to [0, 1], crossing one half at 0.23; sweep.json's `exitPoints`
 * (written by the sweep, not recomputed by the report) say so, with an interval, and say that large
 * banks never leave.
 */
export function syntheticSweep(summary: Summary, name = 'cap-sweep'): unknown {
  const points = SWEEP_CAPS.map((cap) => {
    const s = structuredClone(summary);
    const bite = Math.max(0, Math.min(1, 1 - (cap - 0.18) / 0.1));
    for (const type of ['large', 'jointStock', 'city', 'rural', 'internet']) {
      const z = s.arms.policy.end[`zeroPartnerBankShare.${type}`];
      const share = type === 'city' ? bite : type === 'large' ? 0 : bite * 0.8;
      if (z) Object.assign(z, { n: s.runs, mean: share, ci95: [Math.max(0, share - 0.05), Math.min(1, share + 0.05)] });
      const p = s.arms.policy.end[`partnersPerBank.${type}`];
      if (p && p.mean !== null) Object.assign(p, { mean: p.mean * (1 - 0.6 * bite), ci95: [p.mean * (1 - 0.6 * bite) - 1, p.mean * (1 - 0.6 * bite) + 1] });
    }
    for (const [metric, e] of Object.entries(s.effect)) {
      if (e.mean === null || !e.ci95) continue;
      const k = 0.2 + bite;
      Object.assign(e, { mean: e.mean * k, ci95: [e.ci95[0] * k, e.ci95[1] * k] });
      void metric;
    }
    return { values: { [SWEEP_FIELD]: cap }, summary: s };
  });
  return {
    sweep: name, fields: [SWEEP_FIELD], runs: summary.runs, seed: summary.seed, points,
    turningPoints: { links: { field: SWEEP_FIELD, between: [0.22, 0.24], change: -120 }, exclusionRate: { field: SWEEP_FIELD, between: [0.2, 0.22], change: 0.03 } },
    exitPoints: {
      large: [exitPoint('large', 'below', null, null, 0)],
      city: [exitPoint('city', 'crosses', 0.23, [0.2261, 0.2342], 1000)],
      rural: [exitPoint('rural', 'crosses', 0.2175, [0.21, 0.225], 950)],
    },
  };
}

/** An exit point as analysis/sweep/exitPoints.ts writes it into sweep.json. */
function exitPoint(type: string, status: string, value: number | null, ci95: [number, number] | null, crossing: number): unknown {
  return {
    field: SWEEP_FIELD, at: {}, metric: `zeroPartnerBankShare.${type}`, level: 0.5, status, value,
    between: value === null ? null : [0.22, 0.24], ci95, bootstrap: { samples: 1000, crossing },
    runs: { crosses: crossing > 0 ? 8 : 0, below: crossing > 0 ? 0 : 8, above: 0, undefined: 0, value: { n: 0, mean: null, sd: null, ci95: null, q05: null, q50: null, q95: null } },
  };
}

/** Write a sweep directory (sweep.json only) from an experiment directory's summary. */
export function sweepDir(experimentDir: string, name?: string): string {
  const dir = join(tempDir('lendsim-sweep-'), 'sweep');
  mkdirSync(dir, { recursive: true });
  const summary = JSON.parse(readFileSync(join(experimentDir, 'summary.json'), 'utf8')) as Summary;
  writeFileSync(join(dir, 'sweep.json'), `${JSON.stringify(syntheticSweep(summary, name), null, 2)}\n`);
  return dir;
}
