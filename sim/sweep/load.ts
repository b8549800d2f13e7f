/**
 * Loading a sweep file: read it (YAML or JSON), validate its shape (schema.ts), check every field
 * path of `set` and `vary` against the scenario schema, expand the design into points and resolve
 * every point's scenario (base + set + values, the sweep's runs and seed) with the scenario loader,
 * so a value the field would refuse is refused here, before any run. Every problem is collected and
 * thrown at once as an InputError, in the scenario files' format (`FILE[:LINE:COL]: path: ...`).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../cli/errors.js';
import { sha256 } from '../run/hash.js';
import { canonicalJson, loadScenario, locate, readScenarioFile, resolveScenarioObject } from '../scenario/load.js';
import { deepMerge, isMapping, mergeLayers, type TreePath } from '../scenario/merge.js';
import { DEFAULT_MESSAGE, displayPath, formatPath, issueProblems, problemLine } from '../scenario/problems.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import { heirs } from '../scenario/regimes.js';
import { resolveScenarioRef } from '../scenario/shipped.js';
import { checkFieldPath, isPathProblem, type FieldInfo } from './fieldPaths.js';
import { factorial, factorialSize, rangeValues } from './grid.js';
import { lhs, lhsStream } from './lhs.js';
import { PLAN_FORMAT, planHash, type SweepPlan, type SweepPoint } from './plan.js';
import { isBoundsAxis, isRangeAxis, MAX_POINTS, MAX_SWEEP_POINTS, sweepSchema, type BoundsAxis, type SweepFile } from './schema.js';

/** Problems shown at most (the rest are counted): a grid of bad values repeats itself. */
const MAX_PROBLEMS = 40;

export interface LoadSweepOptions {
  /** --runs: overrides the file's runs. */
  runs?: number;
  /** --seed: overrides the file's seed (and so the lhs sample). */
  seed?: number;
}

/** Whether a parsed file is a sweep file (it has a top-level `sweep:`) rather than a scenario. */
export function isSweepValue(value: unknown): boolean {
  return isMapping(value) && 'sweep' in value;
}

/** Whether the file at `file` is a sweep file. Throws the reader's InputError when it cannot be read. */
export function isSweepFile(file: string): boolean {
  return isSweepValue(readScenarioFile(resolve(file)).value);
}

/**
 * The `base:` of a sweep-shaped file (sweep, sensitivity): resolved from the file's folder (or a
 * shipped name) and loaded; its problems are pushed onto `problems` (all nulls then).
 */
export function loadBase(
  ref: unknown, abs: string, line: (path: (string | number)[], message: string) => string, problems: string[],
): { file: string | null; scenario: Scenario | null; files: string[] } {
  const file = typeof ref === 'string' && ref.trim() !== '' ? resolveScenarioRef(ref, dirname(abs)) : null;
  if (file && !existsSync(file)) {
    problems.push(line(['base'], `expected an existing scenario file, relative to this file, received ${JSON.stringify(ref)} (there is no ${displayPath(file)})`));
  } else if (file) {
    try {
      const loaded = loadScenario(file);
      return { file, scenario: loaded.scenario, files: loaded.files };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems);
    }
  }
  return { file, scenario: null, files: [] };
}

/** A nested mapping holding `value` at the dotted path `steps`. */
function treeAt(steps: readonly string[], value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (let i = steps.length - 1; i >= 0; i--) out = { [steps[i]!]: out };
  return out as Record<string, unknown>;
}

/** Overrides by field path as one tree, in order (a later path merges into an earlier one). */
export function overridesTree(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  let tree: unknown = {};
  for (const [path, value] of entries) tree = deepMerge(tree, treeAt(path.split('.'), value));
  return tree as Record<string, unknown>;
}

/**
 * A point's scenario the quick way, when it is the same as resolving it from the files: every swept
 * value is a scalar, null or a list (these replace what they land on, whatever the merge), set on a
 * copy of the resolved base, and the result validates. Null otherwise (a mapping value merges, a path
 * into a bank the base lacks, a path into the regimes of a base with further regimes when the base was
 * not resolved by the loader (which records what extends what), a value the scenario refuses): the caller then resolves it from the
 * files, with the messages that name lines. Resolving 1,000 points from the files re-reads and
 * re-merges the whole extends chain 1,000 times; this is a copy and a validation each.
 */
export function quickPoint(fixed: Scenario, values: Record<string, unknown>, runs: number, seed: number): Scenario | null {
  const candidate = { ...structuredClone(fixed), runs, seed } as Record<string, unknown>;
  // With further regimes, the regimes that extend the one a path changes take the value too.
  const extended = Object.keys(fixed.regimes).length > 2;
  // Two paths to one field of two regimes: which reaches which depends on their order; the files know.
  const regimeFields = Object.keys(values).filter((p) => p.startsWith('regimes.')).map((p) => p.split('.')[2]);
  if (extended && new Set(regimeFields).size < regimeFields.length) return null;
  for (const [path, value] of Object.entries(values)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
    const steps = path.split('.');
    if (extended && steps[0] === 'regimes') {
      const reach = steps.length === 3 ? heirs(fixed, steps[1]!, steps[2]!) : undefined;
      if (!reach) return null;
      const regimes = candidate.regimes as Record<string, Record<string, unknown>>;
      for (const id of reach) regimes[id]![steps[2]!] = structuredClone(value);
    }
    let at: unknown = candidate;
    for (const step of steps.slice(0, -1)) {
      at = isMapping(at) && Object.hasOwn(at, step) ? at[step] : undefined;
      if (!isMapping(at)) return null;
    }
    (at as Record<string, unknown>)[steps[steps.length - 1]!] = structuredClone(value);
  }
  const parsed = scenarioSchema.safeParse(candidate);
  return parsed.success ? structuredClone(parsed.data) : null;
}

/**
 * Load and check the sweep in `file`, and resolve every point.
 * @throws InputError listing every problem: the file, its shape, unknown paths (with the closest real
 * one), refused values (as the scenario loader words them, at the line of the `vary` entry).
 */
export function loadSweep(file: string, options: LoadSweepOptions = {}): SweepPlan {
  const abs = resolve(file);
  const parsed = readScenarioFile(abs);
  const shown = displayPath(abs);
  const problems: string[] = [];
  const at = (path: TreePath) => locate(parsed, path);
  const line = (path: TreePath, message: string) => problemLine([abs], at(path), path, message);

  if (!isSweepValue(parsed.value) && !('vary' in parsed.value)) {
    throw new InputError(problemLine([abs], undefined, undefined, 'is a scenario file, not a sweep file (it has no `sweep:` and no `vary:`): run it with `lendsim run`, or write a sweep file that names it as its `base` (README, "Sweeps")'));
  }
  const result = sweepSchema.safeParse(parsed.value, { error: () => DEFAULT_MESSAGE });
  if (!result.success) {
    const { provenance } = mergeLayers([{ source: abs, value: parsed.value }]);
    problems.push(...issueProblems(result.error.issues, { schema: sweepSchema, input: parsed.value, provenance, locate: (_f, p) => at(p) }));
  }

  // Field paths are checked even when the file has other problems: they are independent.
  const raw = parsed.value;
  const setEntries = isMapping(raw.set) ? Object.entries(raw.set) : [];
  const varyEntries = isMapping(raw.vary) ? Object.entries(raw.vary) : [];
  const { file: base, scenario: baseScenario, files: baseFiles } = loadBase(raw.base, abs, line, problems);
  const namedIds = baseScenario ? Object.keys(baseScenario.banks.named) : [];
  const kinds: Record<string, FieldInfo['kind']> = {};
  for (const [section, entries] of [['set', setEntries], ['vary', varyEntries]] as const) {
    for (const [path] of entries) {
      const info = checkFieldPath(path, namedIds);
      if (isPathProblem(info)) problems.push(line([section, path], info.message));
      else if (section === 'vary') kinds[path] = info.kind;
    }
  }
  const varied = new Set(varyEntries.map(([p]) => p));
  for (const [path] of setEntries) {
    if (varied.has(path)) problems.push(line(['set', path], 'is also under vary: a field is either fixed (set) or swept (vary), not both'));
  }

  if (problems.length > 0 || !result.success || !baseScenario || !base) throw new InputError(capped(problems));
  const sweep: SweepFile = result.data;

  // The base with the fixed overrides: its runs and seed are the defaults of the sweep's.
  const set = overridesTree(Object.entries(sweep.set));
  const baseRaw = { extends: base, name: baseScenario.name, ...set };
  let fixed: Scenario;
  try {
    fixed = resolveScenarioObject(baseRaw, { file: abs, baseDir: dirname(abs) }).scenario;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(capped(relocate(err.problems, shown, sweep, at)));
  }
  const runs = options.runs ?? sweep.runs ?? fixed.runs;
  const seed = options.seed ?? sweep.seed ?? fixed.seed;

  // The design's points.
  const fields = Object.keys(sweep.vary);
  let pointValues: Record<string, unknown>[];
  if (sweep.design === 'grid') {
    const axes: [string, unknown[]][] = [];
    for (const field of fields) {
      const axis = sweep.vary[field]!;
      if (isRangeAxis(axis)) {
        try {
          axes.push([field, rangeValues(axis, MAX_POINTS)]);
        } catch {
          problems.push(line(['vary', field], `expected at most ${MAX_POINTS} values, received a range of ${Math.floor((axis.to - axis.from) / axis.step) + 1}: use a larger step`));
        }
      } else if (Array.isArray(axis)) {
        axes.push([field, axis]);
      }
    }
    const size = factorialSize(axes.map(([, v]) => v.length));
    if (size > MAX_SWEEP_POINTS) problems.push(line(['vary'], `expected at most ${MAX_SWEEP_POINTS} points, received a grid of ${axes.map(([, v]) => v.length).join(' x ')} = ${size} (sweep.json holds every point's summary; split the sweep, or use design: lhs with fewer samples)`));
    if (problems.length > 0) throw new InputError(capped(problems));
    pointValues = factorial(axes);
  } else {
    const axes: [string, BoundsAxis, { integer: boolean }][] = [];
    for (const field of fields) {
      const kind = kinds[field]!;
      if (kind !== 'number' && kind !== 'integer') {
        problems.push(line(['vary', field], `expected a numeric field for design: lhs (it samples numbers in {min, max}), received a path to a ${kind} field; sweep it on a grid with a list of values`));
        continue;
      }
      const axis = sweep.vary[field]!;
      if (isBoundsAxis(axis)) axes.push([field, axis, { integer: kind === 'integer' }]);
    }
    if (sweep.samples! > MAX_SWEEP_POINTS) problems.push(line(['samples'], `expected at most ${MAX_SWEEP_POINTS} samples (points), received ${sweep.samples} (sweep.json holds every point's summary; split the sweep)`));
    if (problems.length > 0) throw new InputError(capped(problems));
    pointValues = lhs(axes, sweep.samples!, lhsStream(seed));
  }

  // Every point's scenario, resolved and validated as `lendsim run` would load it.
  const points: SweepPoint[] = [];
  const refused = new Set<string>();
  pointValues.forEach((values, index) => {
    const quick = quickPoint(fixed, values, runs, seed);
    if (quick) {
      points.push({ index, values, scenario: quick });
      return;
    }
    const raw = { ...baseRaw, ...overridesTree([...Object.entries(sweep.set), ...Object.entries(values)]), runs, seed };
    try {
      const { scenario } = resolveScenarioObject(raw, { file: abs, baseDir: dirname(abs) });
      points.push({ index, values, scenario });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      for (const p of relocate(err.problems, shown, sweep, at)) refused.add(p);
    }
  });
  if (refused.size > 0) throw new InputError(capped([...refused]));

  const fileHash = sha256(canonicalJson(parsed.value));
  return {
    format: PLAN_FORMAT,
    name: sweep.sweep,
    description: sweep.description,
    file: abs,
    fileHash,
    files: [abs, ...baseFiles],
    fields,
    fieldKinds: kinds,
    design: sweep.design,
    samples: sweep.samples ?? null,
    runs,
    seed,
    points,
    hash: planHash({ name: sweep.sweep, design: sweep.design, fields, runs, seed, points }),
  };
}

/**
 * The scenario loader names the sweep file for values the sweep set, without a position (it had no
 * YAML of them): add the line of the `set` or `vary` entry the value came from.
 */
function relocate(lines: readonly string[], shown: string, sweep: SweepFile, at: (p: TreePath) => { line: number; col: number } | undefined): string[] {
  const entries = [...Object.keys(sweep.vary).map((k) => ['vary', k] as const), ...Object.keys(sweep.set).map((k) => ['set', k] as const)];
  return lines.map((l) => {
    if (!l.startsWith(`${shown}: `)) return l;
    const rest = l.slice(shown.length + 2);
    for (const [section, path] of entries) {
      const p = formatPath(path.split('.'));
      if (rest.startsWith(`${p}:`) || rest.startsWith(`${p}.`) || rest.startsWith(`${p}[`)) {
        const pos = at([section, path]);
        return pos ? `${shown}:${pos.line}:${pos.col}: ${rest}` : l;
      }
    }
    return l;
  });
}

function capped(problems: readonly string[]): string[] {
  return problems.length <= MAX_PROBLEMS ? [...problems] : [...problems.slice(0, MAX_PROBLEMS), `... and ${problems.length - MAX_PROBLEMS} more problems`];
}

/** What `lendsim check --print` shows of a sweep: its design and every point's values (not the full scenarios). */
export function printablePlan(plan: SweepPlan): Record<string, unknown> {
  return {
    sweep: plan.name, files: plan.files, design: plan.design, fields: plan.fields, runs: plan.runs, seed: plan.seed,
    points: plan.points.map((p) => ({ point: p.index, values: p.values })),
  };
}
