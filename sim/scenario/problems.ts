/**
 * Problem messages for scenario files: one line per problem, naming the file that set the value (and
 * where in it, when known), the field path, what was expected and what came, in the manner of zod's
 * `prettifyError`, plus the fix where one is obvious ("did you mean `count`?", "write 0.24 for 24%").
 *
 *   small.yaml:4:3: borrowers.count: expected a number, received the string "5000" (drop the quotes)
 *   small.yaml:6:3: borrowers.cout: unknown field; did you mean `count`?
 *   small.yaml:2:1: ruleStartMonth: the rule must start within the reported months: expected 0..17 (months is 18), received 24
 */
import * as path from 'node:path';
import type { z } from 'zod';
import { DEFAULTS_SOURCE, isMapping, type Provenance, type TreePath } from './merge.js';
import { defOf, fieldsOf, unwrap, type AnySchema } from './schemaWalk.js';

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  col: number;
}

/** What turns zod's issues into problem lines. */
export interface ProblemContext {
  /** The schema the input was validated with (walked for sibling keys and nullability). */
  schema: z.ZodType;
  /** The merged tree that was validated. */
  input: unknown;
  /** Which file set each value of `input`. */
  provenance: Provenance;
  /** Where `path` is in `file`, if the file was parsed with positions. */
  locate: (file: string, path: TreePath) => Position | undefined;
}

/**
 * The message the loader asks zod for whenever the schema names none (`safeParse(x, { error })`):
 * it marks an issue for `issueMessage` to word from the issue's fields, the schema and the input.
 */
export const DEFAULT_MESSAGE = '\u0000lendsim-default-message';

// ---------------------------------------------------------------- lines

/** A file as problems show it: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string): string {
  if (file === DEFAULTS_SOURCE) return file;
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** A field path as problems show it: `regimes.after.comprehensiveCap`, `macroShockLogit[3]`, `(top level)`. */
export function formatPath(p: TreePath): string {
  if (p.length === 0) return '(top level)';
  let out = '';
  for (const k of p) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(k))) out += (out === '' ? '' : '.') + String(k);
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

/**
 * One problem line: `FILE[:LINE:COL]: PATH: MESSAGE`; without a path (a file that cannot be read or
 * parsed), `FILE[:LINE:COL]: MESSAGE`.
 */
export function problemLine(files: readonly string[], position: Position | undefined, fieldPath: TreePath | undefined, message: string): string {
  const where = files.map(displayPath).join(', ') + (position ? `:${position.line}:${position.col}` : '');
  return fieldPath === undefined ? `${where}: ${message}` : `${where}: ${formatPath(fieldPath)}: ${message}`;
}

// ---------------------------------------------------------------- values

/** What came, worded for a reader: `the string "0.24"`, `24`, `a list of 3 items`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN (.nan)' : String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isMapping(value)) return 'a mapping';
  return String(value);
}

/** The value at `p` in `tree`, or undefined when the path leaves the tree. */
export function valueAt(tree: unknown, p: TreePath): unknown {
  let node = tree;
  for (const k of p) {
    if (Array.isArray(node) && typeof k === 'number') node = node[k];
    else if (isMapping(node) && Object.hasOwn(node, k)) node = node[k as string];
    else return undefined;
  }
  return node;
}

/** A fix for a string where a number was meant: quotes, a percent sign, digit separators. */
function numberHint(s: string): string {
  const t = s.trim();
  const pct = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (pct) return ` (rates are fractions: write ${+(Number(pct[1]) / 100).toFixed(6)} for ${t})`;
  if (t !== '' && Number.isFinite(Number(t))) return ' (drop the quotes to make it a number)';
  if (/^-?\d{1,3}([,_ ]\d{3})+(\.\d+)?$/.test(t)) return ` (write ${t.replace(/[,_ ]/g, '')}, without separators)`;
  return '';
}

// ---------------------------------------------------------------- the schema, walked

/** The schema at `p` inside `schema` (input used to pick tagged-union options), or undefined. */
function schemaAt(schema: AnySchema, p: TreePath, input: unknown): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  let value = input;
  for (const k of p) {
    if (s === undefined) return undefined;
    const inner: AnySchema = unwrap(s).schema;
    const def = defOf(inner);
    if (def.type === 'record') s = def.valueType as AnySchema;
    else if (def.type === 'array') s = def.element as AnySchema;
    else s = fieldsOf(inner, value)?.[String(k)];
    value = valueAt(value, [k]);
  }
  return s;
}

const indexCache = new WeakMap<AnySchema, Map<string, string[]>>();

/**
 * Every field name in the schema (lower case) with the dotted paths it appears at (`<id>` for any key
 * of a record), built once per schema: where to send a field written at the wrong level.
 */
function fieldIndex(schema: AnySchema): Map<string, string[]> {
  const cached = indexCache.get(schema);
  if (cached) return cached;
  const index = new Map<string, string[]>();
  const walk = (s: AnySchema, at: string[], depth: number): void => {
    if (depth > 12) return;
    const inner = unwrap(s).schema;
    const def = defOf(inner);
    if (def.type === 'record') return walk(def.valueType as AnySchema, [...at, '*'], depth + 1);
    if (def.type === 'array') return walk(def.element as AnySchema, at, depth + 1);
    for (const [k, v] of Object.entries(fieldsOf(inner) ?? {})) {
      const full = [...at, k].map((step) => (step === '*' ? '<id>' : step)).join('.');
      const seen = index.get(k.toLowerCase()) ?? [];
      if (!seen.includes(full)) index.set(k.toLowerCase(), [...seen, full]);
      walk(v, [...at, k], depth + 1);
    }
  };
  walk(schema, [], 0);
  indexCache.set(schema, index);
  return index;
}

// ---------------------------------------------------------------- did you mean

/**
 * Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions), case-insensitive.
 * O(|a| |b|). @example editDistance('cuont', 'count') === 1
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The candidate `word` most likely meant: the nearest by edit distance within about a third of its
 * length (at least 2), or one that starts with it or it starts with (4+ letters). undefined if none.
 * @example didYouMean('cout', ['count', 'sigma']) === 'count'
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const dist = editDistance(w, lc);
    const prefix = Math.min(w.length, lc.length) >= 4 && (lc.startsWith(w) || w.startsWith(lc));
    const score = dist <= Math.max(2, Math.floor(w.length / 3)) ? dist : prefix ? Math.abs(lc.length - w.length) + 0.5 : Infinity;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

// ---------------------------------------------------------------- issues

const EXPECTED: Record<string, string> = {
  number: 'a number', int: 'an integer', string: 'a string', boolean: 'true or false', object: 'a mapping',
  array: 'a list', null: 'null', undefined: 'nothing',
};

/** Whether a (number) schema only takes integers. */
function isInteger(schema: AnySchema | undefined): boolean {
  return schema !== undefined && (unwrap(schema).schema as { isInt?: boolean }).isInt === true;
}

/** "a number >= 100" / "at most 2 items" / "a non-empty string", from a too_big / too_small issue. */
function boundMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, target: AnySchema | undefined, value: unknown): string {
  const big = issue.code === 'too_big';
  const bound = Number(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const op = big ? (issue.inclusive ? '<=' : '<') : issue.inclusive ? '>=' : '>';
  const size = Array.isArray(value) || typeof value === 'string' ? value.length : undefined;
  if (issue.origin === 'array') return `expected ${big ? 'at most' : 'at least'} ${bound} item${bound === 1 ? '' : 's'}, received ${size}`;
  if (issue.origin === 'string') {
    return bound === 1 && !big ? 'expected a non-empty string, received ""' : `expected ${big ? 'at most' : 'at least'} ${bound} characters, received ${size}`;
  }
  return `expected ${isInteger(target) ? 'an integer' : 'a number'} ${op} ${bound}, received ${describeValue(value)}`;
}

/** The words for one issue whose schema gave none, from its code, the schema at its path and the input. */
function issueMessage(issue: z.core.$ZodIssue, ctx: ProblemContext): string {
  const value = valueAt(ctx.input, issue.path);
  const target = schemaAt(ctx.schema as AnySchema, issue.path, ctx.input);
  switch (issue.code) {
    case 'invalid_type': {
      const kind = issue.expected === 'number' && isInteger(target) ? 'int' : issue.expected;
      const expected = (EXPECTED[kind] ?? kind) + (target && unwrap(target).nullable ? ' or null' : '');
      let hint = '';
      if (typeof value === 'string' && (issue.expected === 'number' || issue.expected === 'int')) hint = numberHint(value);
      if (typeof value === 'string' && issue.expected === 'boolean' && /^(yes|no|on|off|y|n)$/i.test(value)) hint = ' (write true or false)';
      if (typeof value === 'number' && issue.expected === 'string') hint = ` (quote it: "${value}")`;
      return `expected ${expected}, received ${describeValue(value)}${hint}`;
    }
    case 'too_big':
    case 'too_small':
      return boundMessage(issue, target, value);
    case 'invalid_value': {
      const options = issue.values.map(String);
      const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
      return `expected ${options.length === 1 ? options[0] : `one of ${options.join(', ')}`}, received ${describeValue(value)}${guess ? `; did you mean \`${guess}\`?` : ''}`;
    }
    case 'invalid_union': {
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      if (options.length === 0) return `expected one of the allowed forms, received ${describeValue(value)}`;
      const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
      return `expected one of ${options.join(', ')}, received ${describeValue(value)}${guess ? `; did you mean \`${guess}\`?` : ''}`;
    }
    case 'invalid_key': {
      const inner = issue.issues.map((i) => (i.message === DEFAULT_MESSAGE ? 'expected a valid key' : i.message));
      return `${inner.join('; ')}, received the id ${JSON.stringify(String(issue.path[issue.path.length - 1]))}`;
    }
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}, received ${describeValue(value)}`;
    case 'invalid_format':
      return `expected a string in ${issue.format} format, received ${describeValue(value)}`;
    default:
      return `invalid value (${issue.code}), received ${describeValue(value)}`;
  }
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** One line per unknown key, with the sibling it most likely meant or where a field of that name lives. */
function unknownKeyLines(issue: z.core.$ZodIssueUnrecognizedKeys, ctx: ProblemContext): string[] {
  const siblings = Object.keys(fieldsOf(schemaAt(ctx.schema as AnySchema, issue.path, ctx.input) ?? (ctx.schema as AnySchema), valueAt(ctx.input, issue.path)) ?? {});
  const index = fieldIndex(ctx.schema as AnySchema);
  return issue.keys.map((key) => {
    const at = [...issue.path, key];
    const guess = didYouMean(key, siblings);
    const elsewhere = (index.get(key.toLowerCase()) ?? []).filter((p) => p !== formatPath(at));
    let help: string;
    if (guess) help = `did you mean \`${guess}\`?`;
    else if (elsewhere.length > 0) help = `did you mean ${orList(elsewhere.slice(0, 4).map((p) => `\`${p}\``))}?`;
    else help = siblings.length > 0 ? `expected one of ${siblings.join(', ')}` : 'no fields are allowed here';
    return locatedLine(ctx, at, ctx.provenance.sourcesOf(at), `unknown field; ${help}`);
  });
}

/** A line for `path`, naming `files` and, when one file is named, where in it the path is. */
function locatedLine(ctx: ProblemContext, fieldPath: TreePath, files: readonly string[], message: string): string {
  const position = files.length === 1 && files[0] !== DEFAULTS_SOURCE ? ctx.locate(files[0]!, fieldPath) : undefined;
  return problemLine(files, position, fieldPath, message);
}

/** The files that set what a cross-field rule read (see `crossCheck` in schema.ts), else the issue path's. */
function issueSources(issue: z.core.$ZodIssue, ctx: ProblemContext): string[] {
  const params = issue.code === 'custom' ? (issue.params as { reads?: string[][]; at?: string[] } | undefined) : undefined;
  if (!params?.reads || !params.at) return ctx.provenance.sourcesOf(issue.path);
  const base = issue.path.slice(0, issue.path.length - params.at.length);
  const found = new Set<string>();
  for (const read of params.reads) {
    const star = read.indexOf('*');
    // a `*` step reads every key there: the sources of the subtree above it cover them all
    for (const s of ctx.provenance.sourcesOf([...base, ...(star < 0 ? read : read.slice(0, star))])) found.add(s);
  }
  const files = [...found].filter((s) => s !== DEFAULTS_SOURCE);
  return files.length > 0 ? files : [DEFAULTS_SOURCE];
}

/**
 * Problem lines for zod's issues on a merged scenario, in the issues' order; an unknown-keys issue
 * gives a line per key. Issues whose message is `DEFAULT_MESSAGE` are worded here; the schema's own
 * messages are kept.
 */
export function issueProblems(issues: readonly z.core.$ZodIssue[], ctx: ProblemContext): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return unknownKeyLines(issue, ctx);
    const message = issue.message === DEFAULT_MESSAGE ? issueMessage(issue, ctx) : issue.message;
    return [locatedLine(ctx, issue.path, issueSources(issue, ctx), message)];
  });
}
