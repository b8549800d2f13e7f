/**
 * `lendsim sensitivity FILE`: the design's points (sim/sensitivity/load.ts) run as one sweep
 * (runSweep: one pool, every point with the same seed so run i sees the same draws at every point:
 * common random numbers, so the differences between points are the parameters' doing; resume,
 * --shard and merge as a sweep), then, for each metric, the indices of the mean effect at the end
 * (policy - counterfactual, paired by run) across points (analysis/sensitivity/indices.ts).
 *
 * Layout of DIR: the sweep's (points/NNN/, sweep.json, sweep.csv, manifest.json), then
 * sensitivity.json and sensitivity.csv.
 */
import { join } from 'node:path';
import { morrisIndices, sobolIndices, type MorrisIndex, type SobolIndex } from '../../analysis/sensitivity/indices.js';
import { csvFloat, csvText } from '../../analysis/stats/csv.js';
import { formatJson } from '../../analysis/stats/json.js';
import type { SweepResult } from '../../analysis/sweep/sweepOutputs.js';
import type { SensitivityPlan } from '../sensitivity/load.js';
import { atomicWrite } from './atomicWrite.js';
import { runSweep, type SweepOptions, type SweepRunResult } from './sweep.js';

export interface SensitivityResult {
  sensitivity: string;
  method: SensitivityPlan['method'];
  parameters: { path: string; min: number; max: number }[];
  samples: number;
  points: number;
  runs: number;
  seed: number;
  /** Per metric, per parameter path: Morris (mu, muStar, sigma, muStarConf; unit scale: change of the effect over the whole range) or Sobol' (S1, S1Conf, ST, STConf; conf = half-width of the 95% bootstrap interval). */
  indices: Record<string, Record<string, MorrisIndex | SobolIndex>>;
}

/** The indices from every point's mean effect (sweep.json's points, in plan order). */
export function sensitivityIndices(plan: SensitivityPlan, sweep: Pick<SweepResult, 'points'>): SensitivityResult {
  const k = plan.parameters.length;
  const indices: SensitivityResult['indices'] = {};
  for (const metric of plan.metrics) {
    const y = sweep.points.map((p) => p.summary.effect?.[metric]?.mean ?? NaN);
    const per: (MorrisIndex | SobolIndex)[] = plan.morris ? morrisIndices(plan.morris, y, plan.sweep.seed) : sobolIndices(k, plan.samples, y, plan.sweep.seed);
    indices[metric] = Object.fromEntries(plan.parameters.map((p, i) => [p.path, per[i]!]));
  }
  return {
    sensitivity: plan.name, method: plan.method, parameters: plan.parameters.map(({ path, min, max }) => ({ path, min, max })),
    samples: plan.samples, points: sweep.points.length, runs: plan.sweep.runs, seed: plan.sweep.seed, indices,
  };
}

/** `metric,parameter,index,value,conf` (conf: half-width of the 95% bootstrap interval, where there is one). */
export function sensitivityCsv(r: SensitivityResult): string {
  const lines = ['metric,parameter,index,value,conf'];
  for (const [metric, byParam] of Object.entries(r.indices)) {
    for (const [param, idx] of Object.entries(byParam)) {
      const rows: [string, number, number][] = 'muStar' in idx
        ? [['mu', idx.mu, NaN], ['muStar', idx.muStar, idx.muStarConf], ['sigma', idx.sigma, NaN]]
        : [['S1', idx.S1, idx.S1Conf], ['ST', idx.ST, idx.STConf]];
      for (const [name, value, conf] of rows) lines.push([csvText(metric), csvText(param), name, csvFloat(value), csvFloat(conf)].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface SensitivityRunResult extends SweepRunResult {
  sensitivity: SensitivityResult | null;
}

export async function runSensitivity(options: Omit<SweepOptions, 'plan'> & { plan: SensitivityPlan }): Promise<SensitivityRunResult> {
  const { plan, ...rest } = options;
  const result = await runSweep({ ...rest, plan: plan.sweep });
  if (result.status !== 'done' || result.shard || !result.result) return { ...result, sensitivity: null };
  const s = sensitivityIndices(plan, result.result);
  const files = [join(options.outDir, 'sensitivity.json'), join(options.outDir, 'sensitivity.csv')];
  atomicWrite(files[0]!, formatJson(s));
  atomicWrite(files[1]!, sensitivityCsv(s));
  return { ...result, files: [...result.files, ...files], sensitivity: s };
}
