/**
 * A sweep's plan: its points, each a complete scenario, resolved and validated before any run. Plain
 * data (JSON), so a shard file can carry it and `lendsim merge` can summarize without the sweep file.
 */
import { canonicalJson, scenarioHash, sha256 } from '../run/hash.js';
import type { Scenario } from '../scenario/schema.js';
import type { FieldInfo } from './fieldPaths.js';
import type { Design } from './schema.js';

export const PLAN_FORMAT = 'lendsim-sweep/1';

export interface SweepPoint {
  /** 0-based, in design order (grid: the first axis varies slowest). */
  index: number;
  /** The swept fields' values at this point, by field path, in `fields` order. */
  values: Record<string, unknown>;
  /** The point's scenario: the base, the sweep's `set`, these values, the sweep's runs and seed. */
  scenario: Scenario;
}

export interface SweepPlan {
  format: typeof PLAN_FORMAT;
  /** The sweep's name (`sweep:`). */
  name: string;
  description: string;
  /** The sweep file (absolute), or null for a plan built in code. */
  file: string | null;
  /** sha256 of the sweep file's content (canonical JSON of what it says), or null. */
  fileHash: string | null;
  /** The sweep file, then the base scenario's extends chain (absolute). */
  files: string[];
  /** The swept field paths, in the file's order. */
  fields: string[];
  /** What each swept field holds (`number`, `integer`, `string`, ...). */
  fieldKinds: Record<string, FieldInfo['kind']>;
  design: Design;
  /** lhs: the number of samples; grid: null. */
  samples: number | null;
  /** Monte Carlo runs per arm at every point. */
  runs: number;
  /** The seed of every point (common random numbers across points). */
  seed: number;
  points: SweepPoint[];
  /** sha256 over the name, design, fields, runs, seed and every point's values and scenario: what runs and shards are tied to. */
  hash: string;
}

/**
 * The plan's content hash, from its body: the name, design, fields, runs, seed and every point's
 * values and scenario (the scenario by its own hash). What runs and shard files are tied to.
 */
export function planHash(plan: Pick<SweepPlan, 'name' | 'design' | 'fields' | 'runs' | 'seed'> & { points: readonly Pick<SweepPoint, 'values' | 'scenario'>[] }): string {
  const body = {
    format: PLAN_FORMAT, name: plan.name, design: plan.design, fields: plan.fields, runs: plan.runs, seed: plan.seed,
    points: plan.points.map((p) => ({ values: p.values, scenario: scenarioHash(p.scenario) })),
  };
  return sha256(canonicalJson(body));
}
