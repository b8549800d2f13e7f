/**
 * Loading a sensitivity file (`lendsim sensitivity FILE`, CONTRACT v2):
 *
 *   sensitivity: free-parameters          # its name: output/<name>
 *   base: china-2025.yaml                 # the scenario, relative to this file (or a shipped name)
 *   set: { borrowers.count: 20000 }       # optional fixed overrides, by field path
 *   parameters:                           # field paths (checked like sweep paths) with their ranges
 *     banks.types.city.fundingCost: { min: 0.015, max: 0.045 }
 *   method: morris                        # morris (trajectories, levels) | sobol (Saltelli)
 *   samples: 10                           # morris: trajectories r, r (k + 1) points; sobol: N, N (k + 2) points
 *   levels: 4                             # morris grid levels p (even; default 4)
 *   runs: 8                               # Monte Carlo runs per arm at every point
 *   seed: 20251001                        # every point's seed (common random numbers) and the design's
 *   metrics: [links, originations]        # effects (policy - counterfactual at the end) analysed
 *
 * The design becomes a sweep plan (sim/sweep/plan.ts): every point a full scenario, run as one sweep.
 * Every problem is collected and thrown at once (InputError), naming the file, line and field.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { morrisDesign, saltelliDesign, type MorrisDesign, type UnitPoint } from '../../analysis/sensitivity/design.js';
import { InputError } from '../cli/errors.js';
import { METRIC_NAMES } from '../model/metricNames.js';
import { sha256 } from '../run/hash.js';
import { canonicalJson, locate, readScenarioFile, resolveScenarioObject } from '../scenario/load.js';
import { problemLine } from '../scenario/problems.js';
import { checkFieldPath, isPathProblem, type FieldInfo } from '../sweep/fieldPaths.js';
import { loadBase, overridesTree, quickPoint } from '../sweep/load.js';
import { PLAN_FORMAT, planHash, type SweepPlan } from '../sweep/plan.js';
import type { Scenario } from '../scenario/schema.js';
import { MAX_RUNS, MAX_SWEEP_POINTS } from '../sweep/schema.js';

export const METHODS = ['morris', 'sobol'] as const;

/** The fields a sensitivity and a calibration file share: the base, fixed overrides, the parameters, runs, seed. */
export const PARAMETER_FILE_FIELDS = {
  description: z.string().max(10_000).optional(),
  base: z.string().min(1),
  set: z.record(z.string(), z.unknown()).optional(),
  parameters: z.record(z.string(), z.strictObject({ min: z.number(), max: z.number() })),
  runs: z.number().int().min(1).max(MAX_RUNS).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
};

const fileSchema = z.strictObject({
  sensitivity: z.string().min(1).max(200),
  ...PARAMETER_FILE_FIELDS,
  method: z.enum(METHODS),
  samples: z.number().int().min(2).max(100_000),
  levels: z.number().int().min(2).max(20).optional(),
  metrics: z.array(z.string()).min(1),
});
export type SensitivityFile = z.infer<typeof fileSchema>;

export interface SensitivityPlan {
  name: string;
  method: (typeof METHODS)[number];
  /** Parameter paths, in the file's order, with their ranges. */
  parameters: Parameter[];
  samples: number;
  metrics: string[];
  /** Morris: the trajectories (unit scale); null for sobol. */
  morris: MorrisDesign | null;
  /** The design's points on the unit scale, in the plan's point order. */
  unit: UnitPoint[];
  sweep: SweepPlan;
}

/** Whether the file at `file` is a sensitivity file (it has a top-level `sensitivity:`). */
export function isSensitivityFile(file: string): boolean {
  const value = readScenarioFile(resolve(file)).value;
  return value !== null && typeof value === 'object' && 'sensitivity' in value;
}

export interface Parameter {
  path: string;
  min: number;
  max: number;
  kind: FieldInfo['kind'];
}

/**
 * The `parameters` ({path: {min, max}}) and `set` of a sensitivity or calibration file, checked: numeric
 * scenario fields, min < max, a field not both set and varied. Problems are pushed onto `problems`.
 */
export function checkParameters(
  raw: { parameters?: Record<string, { min?: unknown; max?: unknown }> | undefined; set?: Record<string, unknown> | undefined },
  namedIds: readonly string[], line: (path: (string | number)[], message: string) => string, problems: string[],
): Parameter[] {
  const parameters: Parameter[] = [];
  for (const [path, range] of Object.entries(raw.parameters ?? {})) {
    const info = checkFieldPath(path, namedIds);
    if (isPathProblem(info)) problems.push(line(['parameters', path], info.message));
    else if (info.kind !== 'number' && info.kind !== 'integer') problems.push(line(['parameters', path], `expected a numeric field (a range is sampled), received a field of ${info.kind}`));
    else if (range && typeof range.min === 'number' && typeof range.max === 'number') {
      if (!(range.min < range.max)) problems.push(line(['parameters', path], `expected min < max, received min ${range.min}, max ${range.max}`));
      parameters.push({ path, min: range.min, max: range.max, kind: info.kind });
    }
  }
  for (const path of Object.keys(raw.set ?? {})) {
    const info = checkFieldPath(path, namedIds);
    if (isPathProblem(info)) problems.push(line(['set', path], info.message));
    if (raw.parameters && path in raw.parameters) problems.push(line(['set', path], 'is also a parameter: a field is either fixed (set) or varied (parameters), not both'));
  }
  if (raw.parameters && Object.keys(raw.parameters).length === 0) problems.push(line(['parameters'], 'expected at least one parameter'));
  return parameters;
}

/** A valid scenario with `values` (by field path) set on `fixed`, integers rounded; null when refused. */
export function parameterPoint(fixed: Scenario, parameters: readonly Parameter[], unit: readonly number[], runs: number, seed: number): { values: Record<string, number>; scenario: Scenario | null } {
  const values = Object.fromEntries(parameters.map((p, i) => {
    const v = p.min + unit[i]! * (p.max - p.min);
    return [p.path, p.kind === 'integer' ? Math.round(v) : v];
  }));
  return { values, scenario: quickPoint(fixed, values, runs, seed) };
}

/**
 * Read a sensitivity or calibration file: its shape against `schema`, its base loaded, its parameters
 * and `set` checked; every problem collected (not thrown) with file, line and field.
 */
export function readParameterFile<S extends z.ZodType>(file: string, schema: S) {
  const abs = resolve(file);
  const parsed = readScenarioFile(abs);
  const problems: string[] = [];
  const line = (path: (string | number)[], message: string) => problemLine([abs], locate(parsed, path), path, message);
  const result = schema.safeParse(parsed.value);
  if (!result.success) for (const issue of result.error.issues) problems.push(line(issue.path as (string | number)[], issue.message));
  const raw = parsed.value as Partial<z.infer<S>> & Record<string, unknown>;
  const { file: baseFile, scenario: base, files: baseFiles } = loadBase(raw.base, abs, line, problems);
  const parameters = checkParameters(raw as Parameters<typeof checkParameters>[0], base ? Object.keys(base.banks.named) : [], line, problems);
  return { abs, parsed, problems, line, result, raw, baseFile, base, baseFiles, parameters };
}

export interface LoadSensitivityOptions {
  runs?: number;
  seed?: number;
}

export function loadSensitivity(file: string, options: LoadSensitivityOptions = {}): SensitivityPlan {
  const { abs, parsed, problems, line, result, raw, baseFile, base, baseFiles, parameters } = readParameterFile(file, fileSchema);
  (Array.isArray(raw.metrics) ? raw.metrics : []).forEach((m, i) => {
    if (!(METRIC_NAMES as readonly string[]).includes(m)) problems.push(line(['metrics', i], `unknown metric ${JSON.stringify(m)} (CONTRACT.md, "Metric names")`));
  });
  if (raw.levels !== undefined && raw.levels % 2 !== 0) problems.push(line(['levels'], `expected an even number of levels (the jump is levels / (2 (levels - 1))), received ${raw.levels}`));
  if (raw.levels !== undefined && raw.method === 'sobol') problems.push(line(['levels'], 'is a Morris setting; method is sobol'));
  const k = parameters.length;
  const count = raw.method === 'sobol' ? (raw.samples ?? 0) * (k + 2) : (raw.samples ?? 0) * (k + 1);
  if (count > MAX_SWEEP_POINTS) problems.push(line(['samples'], `makes ${count} points (${raw.method === 'sobol' ? 'N (k + 2)' : 'r (k + 1)'}); expected at most ${MAX_SWEEP_POINTS}: fewer samples or parameters`));
  if (problems.length > 0 || !result.success || !base || !baseFile) throw new InputError(problems);

  const spec = result.data;
  const fixed = resolveScenarioObject({ extends: baseFile, name: base.name, ...overridesTree(Object.entries(spec.set ?? {})) }, { file: abs, baseDir: dirname(abs) }).scenario;
  const runs = options.runs ?? spec.runs ?? fixed.runs;
  const seed = options.seed ?? spec.seed ?? fixed.seed;
  const morris = spec.method === 'morris' ? morrisDesign(k, spec.samples, seed, spec.levels ?? 4) : null;
  const unit = morris ? morris.points : saltelliDesign(k, spec.samples, seed);
  const refused: string[] = [];
  const points = unit.map((u, index) => {
    const { values, scenario } = parameterPoint(fixed, parameters, u, runs, seed);
    if (!scenario) refused.push(line(['parameters'], `point ${index} (${JSON.stringify(values)}) is not a valid scenario: narrow the ranges (lendsim check on a scenario with these values says why)`));
    return { index, values, scenario: scenario! };
  });
  if (refused.length > 0) throw new InputError(refused.slice(0, 10));
  const body = { name: spec.sensitivity, design: 'lhs' as const, fields: parameters.map((p) => p.path), runs, seed, points };
  const sweep: SweepPlan = {
    format: PLAN_FORMAT, ...body, description: spec.description ?? '', file: abs, fileHash: sha256(canonicalJson(parsed.value)), files: [abs, ...baseFiles],
    fieldKinds: Object.fromEntries(parameters.map((p) => [p.path, p.kind])), samples: spec.samples, hash: planHash(body),
  };
  return { name: spec.sensitivity, method: spec.method, parameters, samples: spec.samples, metrics: spec.metrics, morris, unit, sweep };
}
