/**
 * `lendsim decompose`: which part of the rule does what. The rule is a bundle of regime fields; a
 * component is a named group of them, switched together from the before regime's value to the after
 * regime's. Every on/off combination of k components (2^k) is one experiment whose after regime takes
 * the after value for the components that are on and the before value for those off; all of them run
 * as one sweep (runSweep: one pool, resume, --shard and merge) whose points are the combinations, in
 * bitmask order (point index = mask, bit i = component i on), with the same seed: run i sees the same
 * draws in every combination (common random numbers), so each run's effects form one cooperative
 * game and each component's Shapley share is computed run by run (analysis/decompose).
 *
 * Regime fields that differ between the before and the after regime but belong to no named component
 * form one more component, `other`, so the shares always add up to the whole rule's effect.
 *
 * Layout of DIR: the sweep's (points/NNN/, sweep.json, sweep.csv, manifest.json), then decompose.json,
 * decompose.csv, decompose.html and charts/decompose.{svg,csv}.
 */
import { join } from 'node:path';
import { decompose, decomposeCsv, decomposeJson, type DecomposeResult } from '../../analysis/decompose/outputs.js';
import { METRIC_COUNT, METRIC_NAMES } from '../model/metricNames.js';
import { InputError } from '../cli/errors.js';
import { regimeSchema, scenarioSchema, timelineOf, type Regime, type Scenario } from '../scenario/schema.js';
import { checkFieldPath, type FieldInfo } from '../sweep/fieldPaths.js';
import { PLAN_FORMAT, planHash, type SweepPlan } from '../sweep/plan.js';
import { atomicWrite } from './atomicWrite.js';
import { endValues, pointDir, runSweep, type SweepOptions, type SweepRunResult } from './sweep.js';

/** The rule's five parts (issue 14): name -> the regime fields switched together. */
export const DEFAULT_COMPONENTS: Readonly<Record<string, readonly (keyof Regime)[]>> = {
  listCost: ['listCostPerPartner'],
  ownRiskControl: ['ownRiskControl'],
  feesInsideCap: ['feesInsideCap', 'comprehensiveCap'],
  guarantees: ['guarantees'],
  outerCap: ['outerCap'],
};

/** Most components (2^8 = 256 combinations). */
export const MAX_COMPONENTS = 8;
export const OTHER_COMPONENT = 'other';
export const REGIME_FIELDS = Object.keys(regimeSchema.shape) as (keyof Regime)[];

/**
 * Components from `--component NAME=FIELD[,FIELD...]` specs (none: the default five), checked: known
 * regime fields, each in one component at most, names unique. Every problem at once (InputError).
 */
export function parseComponents(specs: readonly string[]): Record<string, (keyof Regime)[]> {
  if (specs.length === 0) return Object.fromEntries(Object.entries(DEFAULT_COMPONENTS).map(([k, v]) => [k, [...v]]));
  const problems: string[] = [];
  const out: Record<string, (keyof Regime)[]> = {};
  const owner = new Map<string, string>();
  for (const spec of specs) {
    const m = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/.exec(spec);
    if (!m) {
      problems.push(`--component: expected NAME=FIELD[,FIELD...] (a regime field such as listCostPerPartner), received ${JSON.stringify(spec)}`);
      continue;
    }
    const [, name, list] = m as unknown as [string, string, string];
    if (name in out || name === OTHER_COMPONENT) problems.push(`--component ${name}: ${name === OTHER_COMPONENT ? `the name ${OTHER_COMPONENT} is kept for the regime fields no component names` : 'named twice'}`);
    const fields: (keyof Regime)[] = [];
    for (const f of list.split(',').map((x) => x.trim())) {
      if (!(REGIME_FIELDS as string[]).includes(f)) problems.push(`--component ${name}: ${JSON.stringify(f)} is not a regime field; expected one of ${REGIME_FIELDS.join(', ')}`);
      else if (owner.has(f)) problems.push(`--component ${name}: ${f} is already in component ${owner.get(f)}`);
      else {
        owner.set(f, name);
        fields.push(f as keyof Regime);
      }
    }
    out[name] = fields;
  }
  const k = Object.keys(out).length + 1;
  if (k > MAX_COMPONENTS + 1) problems.push(`--component: expected at most ${MAX_COMPONENTS} components (2^${MAX_COMPONENTS} combinations), received ${k - 1}`);
  if (problems.length > 0) throw new InputError(problems);
  return out;
}

/** The components that change something, plus `other` for differing fields no component names. */
export function effectiveComponents(scenario: Scenario, named: Record<string, (keyof Regime)[]>): Record<string, (keyof Regime)[]> {
  // The decomposition splits the rule, before -> after: a timeline with other regimes has no one rule to split.
  const timeline = timelineOf(scenario);
  if (timeline.length !== 2 || timeline[0]!.regime !== 'before' || timeline[1]!.regime !== 'after') {
    throw new InputError(`timeline: decompose splits the rule from before to after, received a timeline of ${timeline.map((e) => `${e.regime} (month ${e.month})`).join(', ')}; decompose a scenario whose timeline is before, then after`);
  }
  const { before, after } = scenario.regimes;
  const differs = (f: keyof Regime) => JSON.stringify(before[f]) !== JSON.stringify(after[f]);
  const out: Record<string, (keyof Regime)[]> = { ...named };
  const named_ = new Set(Object.values(named).flat());
  const rest = REGIME_FIELDS.filter((f) => !named_.has(f) && differs(f));
  if (rest.length > 0) out[OTHER_COMPONENT] = rest;
  if (Object.keys(out).length > MAX_COMPONENTS) throw new InputError(`${OTHER_COMPONENT}: the regimes also differ in ${rest.join(', ')}, which makes ${Object.keys(out).length} components; expected at most ${MAX_COMPONENTS}: name fewer with --component`);
  return out;
}

/** The after regime of combination `mask`: bit i on takes component i's fields from after, else before. */
export function mixedRegime(scenario: Scenario, components: readonly (readonly (keyof Regime)[])[], mask: number): Regime {
  const { before, after } = scenario.regimes;
  const out = { ...before } as Record<string, unknown>;
  components.forEach((fields, i) => {
    for (const f of fields) out[f] = (mask >> i) & 1 ? after[f] : before[f];
  });
  return out as Regime;
}

/**
 * The sweep plan of a decomposition: one point per combination (index = mask), each the scenario with
 * its mixed after regime, the report and the per-run tables turned off (the decomposition has its own).
 */
export function decomposePlan(
  scenario: Scenario,
  components: Record<string, (keyof Regime)[]>,
  source: { file: string | null; fileHash: string | null; files: string[] },
): SweepPlan {
  const names = Object.keys(components);
  const fieldsOf = names.map((n) => components[n]!);
  // The sweep's fields are the after regime's fields the components switch (what sweep.json, merge's
  // checks and the points' labels read); the component a point turns on is its index's bits.
  const fields = fieldsOf.flat().map((f) => `regimes.after.${f}`);
  const points = Array.from({ length: 1 << names.length }, (_, mask) => {
    const after = mixedRegime(scenario, fieldsOf, mask);
    const values = Object.fromEntries(fieldsOf.flat().map((f) => [`regimes.after.${f}`, after[f]]));
    const s = structuredClone(scenario);
    s.regimes.after = after;
    s.outputs = { report: false, runsCsv: false, timeseriesCsv: false };
    return { index: mask, values, scenario: scenarioSchema.parse(s) as Scenario };
  });
  const body = { name: `${scenario.name}-decompose`, design: 'grid' as const, fields, runs: scenario.runs, seed: scenario.seed, points };
  return {
    format: PLAN_FORMAT, ...body, description: `Shapley decomposition of ${scenario.name}'s rule into ${names.join(', ')}`,
    file: source.file, fileHash: source.fileHash, files: source.files,
    fieldKinds: Object.fromEntries(fields.map((f) => [f, fieldKind(f)])), samples: null, hash: planHash(body),
  };
}

export const DECOMPOSE_FILES = ['decompose.json', 'decompose.csv'] as const;

/** The decomposition of a sweep whose every run is stored (read back from each point's store). */
export function decomposeStored(plan: SweepPlan, outDir: string, components: Record<string, (keyof Regime)[]>): DecomposeResult {
  const first = plan.points[0]!.scenario;
  const ends = plan.points.map((p) => endValues(pointDir(outDir, p.index, plan.points.length), p.scenario));
  const runs = first.runs;
  return decompose({
    scenario: first.name, components: Object.keys(components), componentFields: components, runs, seed: first.seed,
    metrics: METRIC_NAMES.slice(0, METRIC_COUNT),
    effect: (mask, m, r) => ends[mask]!.policy[m * runs + r]! - ends[mask]!.counterfactual[m * runs + r]!,
  });
}

export interface DecomposeRunResult extends SweepRunResult {
  decompose: DecomposeResult | null;
}

/** Run (or resume, or run one shard of) a decomposition; when complete, write decompose.json and decompose.csv. */
export async function runDecompose(options: SweepOptions & { components: Record<string, (keyof Regime)[]> }): Promise<DecomposeRunResult> {
  const { components, ...sweep } = options;
  const result = await runSweep(sweep);
  if (result.status !== 'done' || result.shard) return { ...result, decompose: null };
  const d = decomposeStored(options.plan, options.outDir, components);
  const files = [join(options.outDir, 'decompose.json'), join(options.outDir, 'decompose.csv')];
  atomicWrite(files[0]!, decomposeJson(d));
  atomicWrite(files[1]!, decomposeCsv(d));
  return { ...result, files: [...result.files, ...files], decompose: d };
}

function fieldKind(path: string): FieldInfo['kind'] {
  const info = checkFieldPath(path);
  return 'kind' in info ? info.kind : 'other';
}
