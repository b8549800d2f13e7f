/**
 * Loading a scenario file: read it (YAML or JSON text), follow its `extends` chain, deep-merge the
 * chain onto the calibrated defaults and validate the result with `scenarioSchema`. Every problem
 * of the input is collected and thrown at once as an `InputError` (see problems.ts for the wording).
 *
 * Choices a scenario author may want to know:
 * - A `.json` file is parsed as strict JSON; any other name as YAML 1.2 (core schema: `yes` is a
 *   string, `1e9` a number, `~` null).
 * - An empty file (or one with only comments) is refused: it is almost always a mistake (a file saved
 *   before it was written, the wrong path), and the message says how to run the default market
 *   (`lendsim run` with no file). A file that means "the defaults" says so with `{}` or a `name:`.
 * - The top level must be a mapping; a file that is not UTF-8 text (NUL bytes, invalid UTF-8) or is
 *   larger than `MAX_FILE_BYTES` is refused before parsing.
 * - `extends` is relative to the extending file; a bare name (`china-2025.yaml`) with no file of that
 *   name beside it is the shipped scenario of that name (shipped.ts); chains have any depth; a cycle
 *   is an error. If the
 *   chain cannot be read, the merged scenario is not validated (its problems would be guesses).
 * - Regimes that `extends` another regime are resolved after every layer is merged, and
 *   `ruleStartMonth` is taken from a `timeline` set by a later layer (regimes.ts).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { InputError } from '../cli/errors.js';
import { DEFAULTS_SOURCE, isMapping, mergeLayers, type TreePath } from './merge.js';
import { DEFAULT_MESSAGE, describeValue, displayPath, issueProblems, problemLine, type Position } from './problems.js';
import { defaultScenario, scenarioSchema, type Scenario } from './schema.js';
import { depthProblem } from './depth.js';
import { recordLineage, resolveRegimeExtends, ruleStartFromTimeline } from './regimes.js';
import { resolveScenarioRef } from './shipped.js';

/** A scenario file is text of at most this many bytes (a scenario is a page, not a data set). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Why an empty (or comments-only) file is refused, and what to run instead. */
export const EMPTY_FILE_MESSAGE =
  'is empty (or holds only comments): a scenario file names what it changes from the default market. ' +
  'To run the default market, run `lendsim run` with no file; to start a file from the shipped ones, run `lendsim init`';

/** A validated scenario with the files it came from. */
export interface LoadedScenario {
  /** Validated, every default filled, `extends` removed. */
  scenario: Scenario;
  /** The extends chain, absolute: the loaded file first, then the file it extends, and so on. */
  files: string[];
  /** sha256 (hex) of `canonicalJson(scenario)`: equal for equal resolved scenarios, however written. */
  hash: string;
}

/** One parsed file of a chain: its top-level mapping and, for positions, its YAML document. */
export interface ParsedFile {
  file: string;
  /** Where its `extends` is resolved from. */
  dir: string;
  value: Record<string, unknown>;
  doc?: Document | undefined;
  lines?: LineCounter | undefined;
}

/**
 * Load, merge and validate the scenario in `file` (a path, relative to the working directory; a bare
 * name of a shipped scenario, `small.yaml`, is the shipped file when none stands here).
 * @throws InputError listing every problem: unreadable file, syntax, extends chain, or fields.
 * @example loadScenario('scenarios/small.yaml').scenario.borrowers.count === 5000
 */
export function loadScenario(file: string): LoadedScenario {
  const parsed = readScenarioFile(resolveScenarioRef(file, process.cwd()));
  // A scenario's name belongs to its file: one that extends another without naming itself is named
  // after its file, so its results do not land in (and replace) the base scenario's output/<name>.
  if (!('name' in parsed.value)) parsed.value = { name: path.basename(parsed.file).replace(/\.(ya?ml|json)$/i, ''), ...parsed.value };
  return resolveParsed(parsed);
}

/**
 * Resolve a scenario given as data, as if it were the content of `file` (used to name it in
 * problems and in `files`), its `extends` resolved from `baseDir`. For callers that build a scenario
 * in code, e.g. a sweep point: `{ extends: 'china-2025.yaml', regimes: { after: { comprehensiveCap: 0.2 } } }`.
 * @throws InputError listing every problem.
 */
export function resolveScenarioObject(raw: unknown, opts: { file: string; baseDir: string }): LoadedScenario {
  const file = path.resolve(opts.file);
  return resolveParsed({ file, dir: path.resolve(opts.baseDir), value: topLevelMapping(raw, file) });
}

/**
 * JSON with the keys of every mapping sorted (lists keep their order), no whitespace: two values
 * that are deep-equal give the same text. O(size log size).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isMapping(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

// ---------------------------------------------------------------- one file

function fail(file: string, position: Position | undefined, fieldPath: TreePath | undefined, message: string): never {
  throw new InputError([problemLine([file], position, fieldPath, message)]);
}

/** Read bytes that are a scenario's text, or throw naming what the file is instead. */
function readText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(file, undefined, undefined, code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(err)})`);
  }
  if (stat.isDirectory()) fail(file, undefined, undefined, 'is a directory; expected a scenario file (YAML or JSON)');
  if (!stat.isFile()) fail(file, undefined, undefined, 'is not a regular file; expected a scenario file (YAML or JSON)');
  if (stat.size > MAX_FILE_BYTES) fail(file, undefined, undefined, `is ${stat.size} bytes; a scenario file is YAML or JSON text of at most ${MAX_FILE_BYTES} bytes`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    fail(file, undefined, undefined, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) fail(file, undefined, undefined, `is not a text file (a NUL byte at offset ${nul}); expected YAML or JSON text`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    fail(file, undefined, undefined, 'is not UTF-8 text; expected YAML or JSON text saved as UTF-8');
  }
}

/** 1-based line and column of a 0-based offset in `text`. */
function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** The top level of a file: a mapping (an empty file is `{}`), else an InputError. */
function topLevelMapping(value: unknown, file: string): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (!isMapping(value)) {
    fail(file, undefined, [], `expected a mapping of scenario fields (name: ..., borrowers: ...), received ${describeValue(value)}`);
  }
  return value;
}

/**
 * Parse one scenario file into its top-level mapping, keeping its YAML document for positions.
 * @throws InputError: missing, a directory, not text, too large, syntax errors (each with line:col).
 */
export function readScenarioFile(file: string): ParsedFile {
  const text = readText(file);
  const deep = depthProblem(text, path.extname(file).toLowerCase() !== '.json');
  if (deep) fail(file, undefined, undefined, deep);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number | undefined): Position | undefined => (offset === undefined ? undefined : lines.linePos(offset));
  const yamlProblems = (errors: typeof doc.errors) =>
    errors.map((e) => problemLine([file], at(e.pos[0]), undefined, `${e.name === 'YAMLWarning' ? 'YAML warning' : 'syntax error'}: ${e.message.split(' at line ')[0]!.split('\n')[0]}`));
  let value: unknown;
  if (path.extname(file).toLowerCase() === '.json') {
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      const msg = (err as Error).message;
      const pos = /position (\d+)/.exec(msg);
      fail(file, pos ? positionIn(text, Number(pos[1])) : undefined, undefined, `JSON syntax error: ${msg.replace(/ in JSON at position \d+.*$/s, '')}`);
    }
    const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
    if (duplicates.length > 0) throw new InputError(yamlProblems(duplicates));
    return { file, dir: path.dirname(file), value: topLevelMapping(value, file), doc: doc.errors.length === 0 ? doc : undefined, lines };
  }
  const problems = yamlProblems([...doc.errors, ...doc.warnings]);
  if (problems.length > 0) throw new InputError(problems);
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    fail(file, undefined, undefined, `YAML error: ${(err as Error).message}`);
  }
  if (value === null || value === undefined) fail(file, undefined, undefined, EMPTY_FILE_MESSAGE);
  return { file, dir: path.dirname(file), value: topLevelMapping(value, file), doc, lines };
}

/** Where `fieldPath` is written in a parsed file: the key of a mapping entry, or the list item. */
export function locate(parsed: ParsedFile, fieldPath: TreePath): Position | undefined {
  if (!parsed.doc || !parsed.lines) return undefined;
  let node: unknown = parsed.doc.contents;
  let offset: number | undefined;
  for (const k of fieldPath) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0];
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number' && node.items[k]) {
      node = node.items[k];
      offset = (node as YamlNode).range?.[0];
    } else break;
  }
  return offset === undefined ? undefined : parsed.lines.linePos(offset);
}

// ---------------------------------------------------------------- the chain

/**
 * The files `first` extends, following `extends` until a file has none: `first` first.
 * @throws InputError for an `extends` that is not a string, names no file, or closes a cycle.
 */
function followExtends(first: ParsedFile): ParsedFile[] {
  const chain = [first];
  for (let cur = first; cur.value.extends !== undefined; ) {
    const ext = cur.value.extends;
    const where = locate(cur, ['extends']);
    if (typeof ext !== 'string' || ext.trim() === '') {
      fail(cur.file, where, ['extends'], `expected the path of another scenario file, relative to this one, received ${describeValue(ext)}`);
    }
    const target = resolveScenarioRef(ext, cur.dir);
    const seen = chain.findIndex((f) => f.file === target);
    if (seen >= 0) {
      const cycle = [...chain.slice(seen).map((f) => f.file), target].map(displayPath).join(' -> ');
      fail(cur.file, where, ['extends'], `the extends chain is a cycle: ${cycle}; one of these files must not extend the next`);
    }
    if (!fs.existsSync(target)) {
      fail(cur.file, where, ['extends'], `expected an existing scenario file, received ${JSON.stringify(ext)} (there is no ${displayPath(target)})`);
    }
    cur = readScenarioFile(target);
    chain.push(cur);
  }
  return chain;
}

/** Merge a parsed file's chain onto the defaults, validate, and hash. @throws InputError. */
function resolveParsed(first: ParsedFile): LoadedScenario {
  const chain = followExtends(first);
  const layers = [{ source: DEFAULTS_SOURCE, value: defaultScenario() as unknown }];
  for (const f of [...chain].reverse()) {
    const { extends: _extends, ...own } = f.value;
    layers.push({ source: f.file, value: own });
  }
  const { value, provenance } = mergeLayers(layers);
  const byFile = new Map(chain.map((f) => [f.file, f]));
  const locateIn = (file: string, fieldPath: TreePath) => {
    const parsed = byFile.get(file);
    return parsed ? locate(parsed, fieldPath) : undefined;
  };
  // Regimes and the timeline once every layer is merged (regimes.ts): a regime inherits its parent's final values.
  const regimes = resolveRegimeExtends(value, { provenance, locate: locateIn });
  ruleStartFromTimeline(value, provenance, layers.map((l) => l.source));
  const result = scenarioSchema.safeParse(value, { error: () => DEFAULT_MESSAGE });
  if (!result.success || regimes.problems.length > 0) {
    // A regime whose extends chain is broken is reported once, not once per field it lacks.
    const issues = (result.error?.issues ?? []).filter((iss) => !(iss.path[0] === 'regimes' && regimes.broken.has(String(iss.path[1]))));
    throw new InputError([
      ...regimes.problems,
      ...issueProblems(issues, { schema: scenarioSchema, input: value, provenance, locate: locateIn }),
    ]);
  }
  // zod hands out schema defaults by reference: copy, so no caller can change a later scenario
  const scenario = structuredClone(result.data);
  recordLineage(scenario, regimes.lineage);
  return { scenario, files: chain.map((f) => f.file), hash: createHash('sha256').update(canonicalJson(scenario)).digest('hex') };
}
