/**
 * `lendsim calibrate FILE` (CONTRACT v2): fit free parameters to targets by Nelder-Mead
 * (analysis/calibrate/nelderMead.ts) over paired Monte Carlo experiments that all use the file's seed
 * (common random numbers: the loss moves only with the parameters, not with fresh noise).
 *
 *   calibrate: fit-loan-size
 *   base: china-2025.yaml
 *   set: { borrowers.count: 20000 }
 *   parameters: { borrowers.loanToIncome: { min: 2, max: 5 } }
 *   targets:
 *     - F5                                                    # a stylized fact by id
 *     - { metric: originations, arm: policy, window: beforeRule, value: 2.5e11 }
 *   budget: 30                                                # experiments at most
 *   runs: 8
 *
 * The loss is the mean over targets of a squared, scaled miss: for `{metric, arm, window, value}`
 * (arm policy | counterfactual | effect (end only); window beforeRule | afterRule | end) it is
 * ((model - value) / scale)^2, scale the target's `scale` or |value|; for a fact with a range [lo, hi]
 * it is ((model - mid) / half-width)^2 (0 at the middle of the range, 1 at its edges); with one end
 * only, 0 inside and ((model - end) / |end|)^2 outside. A target the model leaves undefined costs 1e6.
 * The search starts at the middle of every range; parameters are searched on [0, 1] (scaled to their
 * ranges), integer fields rounded.
 */
import { dirname } from 'node:path';
import { z } from 'zod';
import { nelderMead } from '../../analysis/calibrate/nelderMead.js';
import type { Summary } from '../../analysis/stats/summary.js';
import { InputError } from '../cli/errors.js';
import { METRIC_NAMES } from '../model/metricNames.js';
import { runExperiment, type ExperimentOptions } from '../run/experiment.js';
import { resolveScenarioObject } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { PARAMETER_FILE_FIELDS, parameterPoint, readParameterFile, type Parameter } from '../sensitivity/load.js';
import { overridesTree } from '../sweep/load.js';

const metricTarget = z.strictObject({
  metric: z.string(),
  arm: z.enum(['policy', 'counterfactual', 'effect']),
  window: z.enum(['beforeRule', 'afterRule', 'end']),
  value: z.number(),
  scale: z.number().positive().optional(),
});
export type MetricTarget = z.infer<typeof metricTarget>;
export type Target = string | MetricTarget;

const fileSchema = z.strictObject({
  calibrate: z.string().min(1).max(200),
  ...PARAMETER_FILE_FIELDS,
  targets: z.array(z.union([z.string().regex(/^F\d+$/, 'expected a fact id like F5'), metricTarget])).min(1),
  budget: z.number().int().min(2).max(10_000),
});

export interface CalibrationPlan {
  name: string;
  /** The base scenario file (absolute) and the file's `set`, for fitted.yaml. */
  baseFile: string;
  set: Record<string, unknown>;
  fixed: Scenario;
  parameters: Parameter[];
  targets: Target[];
  budget: number;
  runs: number;
  seed: number;
}

export function loadCalibration(file: string, options: { runs?: number; seed?: number } = {}): CalibrationPlan {
  const { abs, problems, line, result, raw, baseFile, base, parameters } = readParameterFile(file, fileSchema);
  (Array.isArray(raw.targets) ? raw.targets : []).forEach((t, i) => {
    if (t && typeof t === 'object' && typeof t.metric === 'string' && !(METRIC_NAMES as readonly string[]).includes(t.metric)) problems.push(line(['targets', i, 'metric'], `unknown metric ${JSON.stringify(t.metric)} (CONTRACT.md, "Metric names")`));
    if (t && typeof t === 'object' && t.arm === 'effect' && t.window !== 'end') problems.push(line(['targets', i, 'window'], 'the effect is reported at the end only: expected window: end'));
  });
  if (problems.length > 0 || !result.success || !base || !baseFile) throw new InputError(problems);
  const spec = result.data;
  const fixed = resolveScenarioObject({ extends: baseFile, name: spec.calibrate, ...overridesTree(Object.entries(spec.set ?? {})) }, { file: abs, baseDir: dirname(abs) }).scenario;
  return {
    name: spec.calibrate, baseFile, set: spec.set ?? {}, fixed, parameters, targets: spec.targets, budget: spec.budget,
    runs: options.runs ?? spec.runs ?? fixed.runs, seed: options.seed ?? spec.seed ?? fixed.seed,
  };
}

/** What the model says for a target (null when undefined there) and the target's loss term. */
export function targetTerm(summary: Summary, target: Target): { value: number | [number | null, number | null]; model: number | null; loss: number } {
  if (typeof target === 'string') {
    const fact = summary.facts.find((f) => f.id === target);
    const model = fact?.value ?? null;
    const [lo, hi] = fact?.range ?? [null, null];
    if (model === null || !Number.isFinite(model)) return { value: [lo, hi], model: null, loss: 1e6 };
    if (lo !== null && hi !== null) return { value: [lo, hi], model, loss: ((model - (lo + hi) / 2) / ((hi - lo) / 2 || 1)) ** 2 };
    const end = lo ?? hi;
    if (end === null) return { value: [lo, hi], model, loss: 0 };
    const outside = lo !== null ? model < lo : model > hi!;
    return { value: [lo, hi], model, loss: outside ? ((model - end) / (Math.abs(end) || 1)) ** 2 : 0 };
  }
  const stat = target.arm === 'effect' ? summary.effect[target.metric] : summary.arms[target.arm][target.window][target.metric];
  const model = stat?.mean ?? null;
  if (model === null || !Number.isFinite(model)) return { value: target.value, model: null, loss: 1e6 };
  return { value: target.value, model, loss: ((model - target.value) / (target.scale ?? (Math.abs(target.value) || 1))) ** 2 };
}

export interface CalibrationResult {
  calibrate: string;
  runs: number;
  seed: number;
  budget: number;
  fitted: Record<string, number>;
  loss: number;
  path: { values: Record<string, number>; loss: number }[];
  targets: { target: Target; value: number | [number | null, number | null]; model: number | null }[];
}

/** Minimize the loss; each evaluation an in-memory experiment (`experiment` passes workers etc.). */
export async function calibrate(
  plan: CalibrationPlan, experiment: Omit<ExperimentOptions, 'scenario' | 'outDir'> = {}, onEvaluation?: (n: number, loss: number) => void,
): Promise<CalibrationResult> {
  const path: CalibrationResult['path'] = [];
  const seen = new Map<string, { loss: number; summary: Summary | null }>();
  const evaluate = async (unit: number[]) => {
    const { values, scenario } = parameterPoint(plan.fixed, plan.parameters, unit, plan.runs, plan.seed);
    const key = JSON.stringify(values);
    let hit = seen.get(key);
    if (!hit) {
      let summary: Summary | null = null;
      if (scenario) {
        const r = await runExperiment({ ...experiment, scenario });
        if (r.status !== 'done') throw new Error(`calibrate: the experiment at ${key} ${r.status}${r.failures[0] ? `: ${r.failures[0].message}` : ''}`);
        summary = r.summary;
      }
      const loss = summary ? plan.targets.reduce((s, t) => s + targetTerm(summary!, t).loss, 0) / plan.targets.length : 1e6;
      hit = { loss, summary };
      seen.set(key, hit);
    }
    path.push({ values, loss: hit.loss });
    onEvaluation?.(path.length, hit.loss);
    return hit.loss;
  };
  const best = await nelderMead(evaluate, plan.parameters.map(() => 0.5), { budget: plan.budget });
  const { values } = parameterPoint(plan.fixed, plan.parameters, best.x, plan.runs, plan.seed);
  const summary = seen.get(JSON.stringify(values))!.summary!;
  return {
    calibrate: plan.name, runs: plan.runs, seed: plan.seed, budget: plan.budget, fitted: values, loss: best.f, path,
    targets: plan.targets.map((target) => {
      const { value, model } = targetTerm(summary, target);
      return { target, value, model };
    }),
  };
}

/** fitted.yaml: a scenario that extends the base with the file's `set` and the fitted values. */
export function fittedYaml(plan: CalibrationPlan, result: CalibrationResult, stringify: (v: unknown) => string): string {
  const tree = overridesTree([...Object.entries(plan.set), ...Object.entries(result.fitted)]);
  return `# Fitted by lendsim calibrate ${plan.name}: loss ${result.loss} after ${result.path.length} experiments of ${plan.runs} runs (seed ${plan.seed}).\n${stringify({ extends: plan.baseFile, name: `${plan.name}-fitted`, seed: plan.seed, runs: plan.runs, ...tree })}`;
}
