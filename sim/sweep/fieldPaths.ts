/**
 * Scenario field paths as a sweep file writes them: `regimes.after.comprehensiveCap`,
 * `banks.types.city.fundingCostAnnual`, `banks.named.yillion.initialPartners`. A path is checked
 * against the scenario schema (the single source of truth), so a sweep file cannot name a field the
 * scenario does not have; an unknown path is refused naming the closest real one.
 *
 * A path stops at a list (a list is one value: `borrowers.macroShockLogit` is varied whole) and may
 * stop at a mapping (`banks.types.city.policy: [{kind: optimize}, {kind: exit}]`).
 */
import type { z } from 'zod';
import { didYouMean, editDistance } from '../scenario/problems.js';
import { REGIME_ID, scenarioSchema } from '../scenario/schema.js';
import { catchallOf, defOf, fieldsOf, unwrap, type AnySchema } from '../scenario/schemaWalk.js';

/** What a valid path leads to. */
export interface FieldInfo {
  /** The path's steps. */
  steps: string[];
  /** `number`, `integer`, `string`, `boolean`, `enum`, `list`, `mapping` or `other`. */
  kind: 'number' | 'integer' | 'string' | 'boolean' | 'enum' | 'list' | 'mapping' | 'other';
  /** The field also takes null (`comprehensiveCap: null` is "no cap"). */
  nullable: boolean;
}

/** A path that does not lead to a field: why, and the closest real path when there is one. */
export interface PathProblem {
  message: string;
  closest?: string;
}

/** Fields a sweep may not set or vary: they belong to the sweep itself or to the file system. */
const RESERVED: Record<string, string> = {
  seed: 'the seed is the sweep\'s own `seed:` (every point uses it: common random numbers); varying it would compare noise, not rules',
  runs: 'runs is the sweep\'s own `runs:` (the same at every point)',
  extends: 'the sweep\'s `base:` names the scenario every point extends',
  name: 'every point keeps its base scenario\'s name (the sweep\'s name is `sweep:`)',
};

function kindOf(schema: AnySchema): FieldInfo['kind'] {
  const inner = unwrap(schema).schema;
  const def = defOf(inner);
  switch (def.type) {
    case 'number':
      return (inner as { isInt?: boolean }).isInt === true ? 'integer' : 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'enum':
    case 'literal':
      return 'enum';
    case 'array':
      return 'list';
    case 'object':
    case 'record':
    case 'union':
      return 'mapping';
    default:
      return 'other';
  }
}

/**
 * Check a dotted field path against the scenario schema. `namedIds` are the named banks of the base
 * (a path into `banks.named.<id>` may name a new id too; the scenario check then asks for its name and type).
 * @example checkFieldPath('regimes.after.comprehensiveCap') // { steps: [...], kind: 'number', nullable: true }
 */
export function checkFieldPath(dotted: string, namedIds: readonly string[] = []): FieldInfo | PathProblem {
  const steps = dotted.split('.');
  if (dotted.trim() === '' || steps.some((s) => s === '')) {
    return { message: `expected a field path like regimes.after.comprehensiveCap, received ${JSON.stringify(dotted)}` };
  }
  // Own keys only: a path may not name what every object inherits (`constructor`, `toString`, ...).
  const reserved = Object.hasOwn(RESERVED, steps[0]!) ? RESERVED[steps[0]!] : undefined;
  if (steps.length === 1 && reserved) return { message: `cannot be swept or set: ${reserved}` };
  let schema: AnySchema = scenarioSchema;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const inner = unwrap(schema).schema;
    const def = defOf(inner);
    const here = steps.slice(0, i).join('.');
    if (def.type === 'record') {
      const key = (def.keyType as z.ZodType).safeParse(step);
      if (!key.success) return { message: `${JSON.stringify(step)} is not a valid id under ${here} (expected letters, digits, _ or -, starting with a letter)` };
      schema = def.valueType as AnySchema;
      continue;
    }
    if (def.type === 'array') {
      return { message: `${here} is a list: a path stops there (vary the whole list, e.g. ${here}: [[0.1, 0.2], [0.3]])` };
    }
    const fields = fieldsOf(inner);
    if (!fields) return { message: `${here} is a single value (${kindOf(inner)}): a path stops there` };
    const rest = catchallOf(inner);
    // A further key of an object that takes them (a regime of `regimes` other than before and after),
    // followed by one of its fields: `regimes.comprehensiveCap` is a field at the wrong level, not a regime.
    if (rest && !Object.hasOwn(fields, step) && REGIME_ID.test(step) && i < steps.length - 1) {
      schema = rest;
      continue;
    }
    const next = Object.hasOwn(fields, step) ? fields[step] : undefined;
    if (!next) {
      const closest = closestPath(dotted, namedIds);
      const where = here === '' ? 'at the top level' : `in ${here}`;
      return { message: `unknown scenario field (no \`${step}\` ${where})${closest ? `; did you mean \`${closest}\`?` : ''}`, ...(closest ? { closest } : {}) };
    }
    schema = next;
  }
  return { steps, kind: kindOf(schema), nullable: unwrap(schema).nullable };
}

export function isPathProblem(r: FieldInfo | PathProblem): r is PathProblem {
  return 'message' in r;
}

let cachedPaths: string[] | undefined;

/**
 * Every field path of the scenario schema, mappings included, with `<id>` for a key of a record
 * (`banks.named.<id>.fundingCostAnnual`). Built once. O(fields).
 */
export function scenarioFieldPaths(): string[] {
  if (cachedPaths) return cachedPaths;
  const out: string[] = [];
  const walk = (s: AnySchema, at: string[], depth: number): void => {
    if (depth > 12) return;
    const inner = unwrap(s).schema;
    const def = defOf(inner);
    if (def.type === 'record') return walk(def.valueType as AnySchema, [...at, '<id>'], depth + 1);
    if (def.type === 'array') return;
    for (const [k, v] of Object.entries(fieldsOf(inner) ?? {})) {
      const p = [...at, k];
      if (p.length === 1 && RESERVED[k]) continue;
      out.push(p.join('.'));
      walk(v, p, depth + 1);
    }
  };
  walk(scenarioSchema, [], 0);
  return (cachedPaths = out);
}

/**
 * The real path most likely meant by `dotted`: each step corrected to its nearest sibling; else a
 * path ending in the same field name written at another level (`regimes.comprehensiveCap` ->
 * `regimes.after.comprehensiveCap`); else the nearest whole path by edit distance. undefined if
 * nothing is close.
 */
export function closestPath(dotted: string, namedIds: readonly string[] = []): string | undefined {
  const candidates = scenarioFieldPaths().flatMap((p) => (p.includes('<id>') ? namedIds.map((id) => p.replace('<id>', id)) : [p]));
  // Step by step, each unknown step replaced by its nearest sibling.
  const steps = dotted.split('.');
  let prefix: string[] = [];
  for (const step of steps) {
    const siblings = [...new Set(candidates.filter((c) => startsWithSteps(c, prefix)).map((c) => c.split('.')[prefix.length]!).filter(Boolean))];
    const exact = siblings.find((s) => s === step);
    const guess = exact ?? didYouMean(step, siblings);
    if (!guess) {
      prefix = [];
      break;
    }
    prefix = [...prefix, guess];
  }
  if (prefix.length === steps.length && candidates.includes(prefix.join('.'))) return prefix.join('.');
  // The field's own name written at the wrong level.
  const last = steps[steps.length - 1]!;
  const sameName = candidates.filter((c) => c.split('.').pop()!.toLowerCase() === last.toLowerCase());
  if (sameName.length > 0) {
    return sameName.reduce((best, c) => (editDistance(c, dotted) < editDistance(best, dotted) ? c : best));
  }
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(dotted.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(c, dotted);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function startsWithSteps(path: string, prefix: readonly string[]): boolean {
  if (prefix.length === 0) return true;
  const s = path.split('.');
  return prefix.every((p, i) => s[i] === p) && s.length > prefix.length;
}
