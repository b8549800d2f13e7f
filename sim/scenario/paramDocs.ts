/**
 * The parameter reference, `scenarios/README.md`: every value of the base market with its unit,
 * meaning, source and the reason for it, one table per part of the scenario. It is generated
 * (`npm run docs:params`) from three places, so no fact is written twice:
 * - meanings and default values from the schema (`.describe()` of each field, `defaultScenario()`);
 * - sources from the comments beside each value in `scenarios/china-2025.yaml`;
 * - the kind of each number (public figure, rule, free parameter, assumption, setting) and the
 *   reasons the yaml leaves out, from `paramNotes.ts`.
 * A test keeps the file equal to `paramDocsMarkdown(<china-2025.yaml>)`.
 */
import { isMap, isPair, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { PARAM_NOTES, type ParamKind, type ParamNote } from './paramNotes.js';
import { defaultScenario, scenarioSchema } from './schema.js';
import { catchallOf, type AnySchema } from './schemaWalk.js';

// ---------------------------------------------------------------- the schema's tree

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** A schema node under its wrappers (default, optional, ...) and its description, outermost first. */
interface Unwrapped {
  core: z.ZodType;
  description: string;
  nullable: boolean;
}
function unwrap(schema: z.ZodType): Unwrapped {
  let s = schema;
  let description = s.description ?? '';
  let nullable = false;
  for (let d = defOf(s); WRAPPERS.has(d.type) && d.innerType; d = defOf(s)) {
    if (d.type === 'nullable') nullable = true;
    s = d.innerType;
    description ||= s.description ?? '';
  }
  return { core: s, description, nullable };
}

/** An object or a record is a branch of the tree; everything else (numbers, enums, the policy union, arrays) a leaf. */
const isBranch = (core: z.ZodType) => defOf(core).type === 'object' || defOf(core).type === 'record';

/** One field of the schema: its path (`*` for any key of a record) and what the schema says of it. */
export interface SchemaNode extends Unwrapped {
  path: string[];
  leaf: boolean;
}

/** Every node of the scenario schema (branches and leaves) in schema order, the root excluded. */
export function schemaNodes(): SchemaNode[] {
  const out: SchemaNode[] = [];
  const walk = (schema: z.ZodType, path: string[]) => {
    const u = unwrap(schema);
    if (path.length > 0) out.push({ path, leaf: !isBranch(u.core), ...u });
    const d = defOf(u.core);
    if (d.type === 'object' && d.shape) for (const [k, v] of Object.entries(d.shape)) walk(v, [...path, k]);
    if (d.type === 'record' && d.valueType) walk(d.valueType, [...path, '*']);
    const rest = catchallOf(u.core as AnySchema);
    if (rest) walk(rest as z.ZodType, [...path, '*']);
  };
  walk(scenarioSchema, []);
  return out;
}

/** The leaves of the schema: the fields a scenario sets. */
export const schemaLeaves = (): SchemaNode[] => schemaNodes().filter((n) => n.leaf);

// ---------------------------------------------------------------- the comments of the base file

interface YamlComments {
  /** Comments on the key itself: the line above it and the end of its line. */
  own: Map<string, string>;
}
const clean = (c: string | null | undefined) =>
  (c ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');

/** Each key's comment in the base file, by dotted path: the lines above the key and the end of its line. */
function yamlComments(text: string): YamlComments {
  const own = new Map<string, string>();
  const walk = (node: YamlNode | null | undefined, path: string[]) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const p = [...path, String(pair.key.value)];
      const v = pair.value as YamlNode | null;
      const parts = [clean(pair.key.commentBefore), clean(v?.commentBefore), clean(v?.comment)].filter((x) => x !== '');
      if (parts.length) own.set(p.join('.'), parts.join(' '));
      walk(v, p);
    }
  };
  walk(parseDocument(text).contents as YamlNode | null, []);
  return { own };
}

// ---------------------------------------------------------------- rows: one per value of the base market

export interface ParamRow {
  path: string[];
  /** The schema path: `*` for a record's key. */
  schemaPath: string[];
  value: unknown;
  node: SchemaNode;
  unit: string;
  note: ParamNote;
  /** The PARAM_NOTES key the note came from. */
  notePattern: string;
}

const matches = (pattern: string, path: string[]) => {
  const p = pattern.split('.');
  return p.length === path.length && p.every((s, i) => s === '*' || s === path[i]);
};
const stars = (pattern: string) => pattern.split('.').filter((s) => s === '*').length;

/** The most specific note for a path; a named bank's override falls back to its type's field. */
export function noteFor(path: string[]): { pattern: string; note: ParamNote } | undefined {
  const found = Object.keys(PARAM_NOTES).filter((k) => matches(k, path)).sort((a, b) => stars(a) - stars(b));
  if (found.length > 1 && stars(found[0]!) === stars(found[1]!)) {
    throw new Error(`paramNotes: ${found[0]} and ${found[1]} both match ${path.join('.')}: make one more specific`);
  }
  if (found[0] !== undefined) return { pattern: found[0], note: PARAM_NOTES[found[0]]! };
  if (path[0] === 'banks' && path[1] === 'named' && path.length === 4) return noteFor(['banks', 'types', '*', path[3]!]);
  return undefined;
}

/** Every value of the base market (`defaultScenario()`), in schema order, with its unit and note. */
export function paramRows(): ParamRow[] {
  const nodes = new Map(schemaNodes().map((n) => [n.path.join('.'), n]));
  const currency = defaultScenario().market.currency;
  const rows: ParamRow[] = [];
  const walk = (value: unknown, path: string[], schemaPath: string[]) => {
    const node = nodes.get(schemaPath.join('.'));
    if (!node) throw new Error(`paramDocs: no schema node for ${path.join('.')}`);
    // A named bank lists only what it overrides; an unset optional field elsewhere (extends) is shown.
    if (value === undefined && schemaPath.includes('*')) return;
    if (node.leaf) {
      const hit = noteFor(path);
      if (!hit) throw new Error(`paramDocs: no note for ${path.join('.')}: add one to sim/scenario/paramNotes.ts`);
      rows.push({ path, schemaPath, value, node, unit: unitOf(path, node, currency), note: hit.note, notePattern: hit.pattern });
      return;
    }
    const v = (value ?? {}) as Record<string, unknown>;
    if (defOf(node.core).type === 'record') {
      for (const k of Object.keys(v)) walk(v[k], [...path, k], [...schemaPath, '*']);
      return;
    }
    for (const k of Object.keys(defOf(node.core).shape ?? {})) walk(v[k], [...path, k], [...schemaPath, k]);
  };
  const top = defaultScenario() as unknown as Record<string, unknown>;
  for (const k of Object.keys(defOf(unwrap(scenarioSchema).core).shape ?? {})) walk(top[k], [k], [k]);
  return rows;
}

// ---------------------------------------------------------------- units, from the name

/**
 * The unit of a field, from its name and place: `...Annual` a fraction a year, `...Monthly` a month,
 * money in the scenario's currency at real-market scale (scaled by count / realBorrowers) unless it
 * is per borrower or per loan. A field no rule covers is an error: give it a rule here.
 */
export function unitOf(path: readonly string[], node: Pick<SchemaNode, 'core' | 'nullable'>, currency = 'RMB'): string {
  const key = path[path.length - 1]!;
  const parent = path[path.length - 2];
  const type = defOf(node.core).type;
  const orNull = node.nullable ? '; null: none' : '';
  const scaled = `${currency}, real-market scale`;
  if (type === 'boolean') return 'true / false';
  if (type === 'enum') return `one of ${Object.values(defOf(node.core).entries ?? {}).join(', ')}`;
  if (type === 'union' && key === 'policy') return `{ kind: ${['optimize', 'topK', 'exit', 'runoff', 'static'].join(' | ')} }`;
  if (type === 'string') return 'text';
  if (parent === 'segmentAffinity') return 'relative weight (1: neutral)';
  const byKey: Record<string, string> = {
    seed: 'integer',
    runs: 'runs per arm',
    months: 'months',
    ruleStartMonth: 'month (0-based)',
    realBorrowers: 'people',
    macroShockLogit: 'logit(pd) shift, one per month',
    loanToIncome: 'x monthly income',
    lgd: 'fraction of the balance',
    betaDti: 'logit(pd) per unit of debt / annual income',
    betaLoans: 'logit(pd) per extra loan',
    pdLogitSd: 'sd of logit(pd)',
    sigma: 'sd of logit(pd)',
    incomeLogSd: 'sd of log income',
    incomeMedianMonthly: `${currency} a month per borrower (not scaled)`,
    propensityMonthly: 'probability a month',
    cureRate: 'probability a month',
    rolloverThreshold: 'debt service / monthly income',
    greyTakeUp: 'probability per refusal',
    peakMonth: 'months of loan age',
    amplitude: 'x the flat hazard, above it',
    liquidityShock: 'logit(pd) shift',
    applicationsPerMonth: 'platforms a month',
    quotesCompared: 'quotes',
    powerHalfFunders: 'funders',
    maxConcurrentLoans: 'loans',
    trafficShare: 'fraction of traffic',
    visibility: 'probability per loan',
    heterogeneity: 'relative spread (0: none)',
    guaranteeLoad: 'fraction over the expected loss',
    acquisitionCostPerLoan: `${currency} per loan (not scaled)`,
    capital: `${currency} per ${path[0] === 'banks' ? 'bank' : 'platform'}, real-market scale`,
    guaranteeCapital: `${currency} per platform, real-market scale`,
    maxFunders: 'banks',
    maxOffersPerApplication: 'banks per application',
    sampleSize: 'applications a month',
    routingTemperature: 'fraction a year (APR points)',
    loansToCapital: 'x tier-1 capital',
    bargainingPower: 'share of the surplus (0..1)',
    nplFirewall: 'NPL ratio (lagged)',
    firewallTightening: 'x maxPdAnnual',
    capitalFloorShare: 'fraction of starting capital',
    jointLendingShareCap: 'fraction of the bank\'s loans',
    perPartnerCapShare: 'fraction of tier-1 capital',
    candidatesPerReview: 'platforms per review',
    listCostMultiplier: 'x the regime\'s listCostPerPartner',
    initialPartners: 'platforms',
    maxPartnersPerBank: 'platforms',
    listCostPerPartner: `${scaled}, a month per listed platform`,
    greyAccess: 'x greyTakeUp',
    feeEvasion: 'fraction of the squeezed fees',
    timeline: 'list of { month, regime }',
  };
  if (key === 'count') return path[0] === 'borrowers' ? 'simulated borrowers' : path[0] === 'banks' ? 'banks' : 'platforms';
  if (key === 'bureauVisibility') return path[0] === 'regimes' ? 'multiplier of visibility' : 'probability per loan';
  if (byKey[key] !== undefined) return byKey[key] + orNull;
  if (/CostMonthly$/.test(key)) return `${scaled}, a month per ${path[0] === 'banks' ? 'bank' : 'platform'}`;
  if (/^pd\w*Annual$|PdAnnual$/.test(key)) return 'probability a year';
  if (parent === 'markupAnnual') return 'fraction a year (APR points)';
  if (/Annual$/.test(key)) return 'fraction a year';
  if (/Cap$/.test(key) || /^reservationApr/.test(key)) return `fraction a year (APR)${orNull}`;
  if (/Months$/.test(key)) return 'months';
  if (/share$/i.test(key)) return 'fraction';
  throw new Error(`paramDocs: no unit rule for ${path.join('.')}: add one to unitOf in sim/scenario/paramDocs.ts`);
}

// ---------------------------------------------------------------- markdown

/** Text for a table cell: pipes escaped, tag-like `<x` escaped so no renderer swallows it. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/<(?=[A-Za-z/!])/g, '&lt;').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;

function human(v: number): string {
  const f = (x: number, u: string) => `${+x.toPrecision(4)} ${u}`;
  if (v >= 1e12) return f(v / 1e12, 'tn');
  if (v >= 1e9) return f(v / 1e9, 'bn');
  if (v >= 1e6) return f(v / 1e6, 'm');
  return String(v);
}

function formatValue(value: unknown, unit: string, currency: string): string {
  if (value === undefined) return '(not set)';
  if (value === null) return code('null');
  if (typeof value === 'string') return code(JSON.stringify(value));
  if (Array.isArray(value)) return code(JSON.stringify(value));
  if (typeof value === 'object') {
    return code(`{ ${Object.entries(value).map(([k, v]) => `${k}: ${String(v)}`).join(', ')} }`);
  }
  if (typeof value === 'number') {
    if (/a year/.test(unit)) return `${value} (${+(value * 100).toFixed(4)}%)`;
    if (unit.startsWith(currency) && value >= 1e6) return `${value} (${human(value)})`;
    return String(value);
  }
  return String(value);
}

const KIND_TEXT: Record<ParamKind, string> = {
  public: 'a published figure, or inside a published range (CALIBRATION.md, the seed article)',
  rule: 'set by the text of a regulation',
  free: 'no public figure: a free parameter, set in the calibration so that the default scenario reproduces the stylized facts F1-F10 of CALIBRATION.md',
  assumption: 'no public figure and not tuned to the facts: a modelling choice',
  setting: 'run control or output, not part of the market',
};

/** The source cell: the kind, the yaml comment (or an equal sibling's, named), the note's reason. */
function sourceCell(row: ParamRow, rows: readonly ParamRow[], comments: YamlComments): string {
  const key = row.path.join('.');
  let comment = comments.own.get(key) ?? '';
  if (!comment && !row.note.why) {
    // A value equal to the same field of a sibling (tail vs head, after vs before) shares its source.
    for (const other of rows) {
      if (other === row || other.path.length !== row.path.length) continue;
      const diff = row.path.map((s, i) => (s === other.path[i] ? -1 : i)).filter((i) => i >= 0);
      if (diff.length !== 1 || diff[0] === row.path.length - 1) continue;
      if (JSON.stringify(other.value) !== JSON.stringify(row.value)) continue;
      const c = comments.own.get(other.path.join('.'));
      if (c) {
        comment = `${c} (as for ${other.path[diff[0]!]})`;
        break;
      }
    }
  }
  const parts = [`**${row.note.kind}**`, comment, row.note.why ?? ''].filter((p) => p !== '');
  if (parts.length === 1 && row.note.kind !== 'assumption' && row.note.kind !== 'setting') {
    throw new Error(`paramDocs: ${key} is marked ${row.note.kind} but neither the yaml comment nor paramNotes.ts says where it comes from`);
  }
  return cell(parts.join(' — '));
}

/** Headings of the tables of a part's own fields, where the part has several tables. */
const SECTION_LABELS: Record<string, string> = {
  borrowers: 'the population, its loans and the default model',
  platforms: 'every platform',
  banks: 'every bank',
};

/** Objects whose fields stay in their parent's table (a few numbers that belong together). */
const INLINE_GROUPS = new Set(['segmentAffinity']);
const sectionOf = (path: readonly string[]) => {
  const parent = path.slice(0, -1);
  while (parent.length && INLINE_GROUPS.has(parent[parent.length - 1]!)) parent.pop();
  return parent.join('.');
};

/**
 * The whole reference as markdown.
 * @param baseYaml the text of `scenarios/china-2025.yaml` (its comments are the sources)
 */
export function paramDocsMarkdown(baseYaml: string): string {
  const s = defaultScenario();
  const currency = s.market.currency;
  const comments = yamlComments(baseYaml);
  const rows = paramRows();
  const nodes = new Map(schemaNodes().map((n) => [n.path.join('.'), n]));
  const describe = (path: string[]) => nodes.get(path.map((p, i) => (path[0] === 'banks' && path[1] === 'named' && i === 2 ? '*' : p)).join('.'))?.description ?? '';
  const scale = s.borrowers.count / s.market.realBorrowers;
  const n = (x: number) => x.toLocaleString('en-US');
  const out: string[] = [];
  const line = (...l: string[]) => out.push(...l);
  const fieldsWith = (unit: string) =>
    [...new Set(rows.filter((r) => r.unit.includes(unit)).map((r) => `\`${r.path[r.path.length - 1]}\``))].join(', ');

  line(
    '# Scenario parameters',
    '',
    '<!-- Generated by `npm run docs:params` from sim/scenario/schema.ts, sim/scenario/paramNotes.ts and',
    '     scenarios/china-2025.yaml. Do not edit: change those and regenerate (a test keeps this file current). -->',
    '',
    'Every parameter of a scenario, with its value in the base market (`china-2025.yaml`, the schema\'s',
    'defaults), its unit, its meaning, and where the value comes from. A scenario file that',
    '`extends: china-2025.yaml` names only what it changes; `scenario.schema.json` carries the same',
    'meanings for editors. The figures and their sources are collected in',
    '[docs/calibration.md](../docs/calibration.md) (and the seed article in',
    '[docs/article.md](../docs/article.md)).',
    '',
    '## How to read the tables',
    '',
    '- **value**: the default (what an empty scenario file resolves to). Rates are fractions: 0.24 is',
    '  24% a year, shown beside it.',
    '- **unit**: from the name. `...Annual` is a fraction (or probability) a year; `...Monthly` is per',
    '  month; `...Months` counts months; `sd of logit(pd)` is a spread on the log-odds scale of the',
    `  annual default probability. Money is ${currency}.`,
    '- **source and why**: the kind of number (below), then the comment beside the value in',
    '  `china-2025.yaml` (its source; "as for head" marks a value equal to a sibling\'s, which shares',
    '  its source), then the reason for the value where the comment does not give one.',
    '',
    '| kind | meaning | values |',
    '| --- | --- | --- |',
    ...(Object.keys(KIND_TEXT) as ParamKind[]).map((k) => `| **${k}** | ${KIND_TEXT[k]} | ${rows.filter((r) => r.note.kind === k).length} |`),
    '',
    '## Scale: money at real-market size',
    '',
    `A scenario describes the real market: \`market.realBorrowers\` = ${n(s.market.realBorrowers)} people. A run`,
    `simulates \`borrowers.count\` = ${n(s.borrowers.count)} borrowers, so each stands for ${n(s.market.realBorrowers / s.borrowers.count)} real ones.`,
    'Every money amount that does not come from a borrower is written at real-market size and',
    `multiplied in the run by count / realBorrowers (${scale}): ${fieldsWith('real-market scale')}`,
    '(units marked "real-market scale"; the book caps follow capital). Amounts per borrower or per loan',
    `(${fieldsWith('not scaled')}; loan size follows income) are the same for a simulated and a real`,
    'borrower and are not scaled. Outputs in money are scaled back up. So the same scenario at 10,000 or',
    '1,000,000 borrowers describes the same market; only the noise changes (check S2 of CALIBRATION.md).',
    '',
    '## Free parameters: no public figure',
    '',
    'These values are not observed anywhere. They were set in the calibration passes so that the',
    'default scenario reproduces the stylized facts F1-F10 of CALIBRATION.md (the `facts` of',
    '`summary.json`); the facts each one moves are named. They are the first place to look, and to sweep,',
    'when a fact does not hold or a result looks fragile.',
    '',
    '| parameter | values | why, and the facts it moves |',
    '| --- | --- | --- |',
  );
  const free = new Map<string, ParamRow[]>();
  for (const r of rows) if (r.note.kind === 'free') free.set(r.notePattern, [...(free.get(r.notePattern) ?? []), r]);
  for (const [pattern, rs] of free) {
    // A row is labelled by the keys the pattern leaves open (the tier, bank type, regime...).
    const open = pattern.split('.').map((p, i) => (p === '*' ? i : -1)).filter((i) => i >= 0);
    const values = rs
      .map((r) => {
        const label = open.map((i) => r.path[i]).join('.');
        return `${label ? `${label} ` : ''}${formatValue(r.value, r.unit, currency)}`;
      })
      .join('; ');
    line(`| ${code(pattern)} | ${cell(values)} | ${cell(rs[0]!.note.why ?? '')} |`);
  }
  line('', 'Assumptions (kind **assumption**) are not tuned but are not observed either; the tables mark them.');

  // The tables, grouped by top-level key.
  const sections: string[] = [];
  for (const r of rows) {
    const sec = sectionOf(r.path);
    if (!sections.includes(sec)) sections.push(sec);
  }
  const printedComments = new Set<string>();
  const topOf = (sec: string) => sec.split('.')[0]!;
  let top: string | undefined;
  for (const sec of sections) {
    const secPath = sec === '' ? [] : sec.split('.');
    if (topOf(sec) !== top) {
      top = topOf(sec);
      line('', sec === '' ? '## Experiment (top level)' : `## ${top}`, '');
      const d = sec === '' ? 'What one experiment runs: how many runs and months, when the rule starts, and the seed.' : describe([top]);
      if (d) line(cell(d), '');
    }
    // A part with several tables gives each its heading; the yaml's comments on the groups above a
    // table come first (once each), then its own.
    const headed = sec !== '' && sections.filter((x) => topOf(x) === top).length > 1;
    if (headed && secPath.length === 1) line(`### ${code(sec)}${SECTION_LABELS[sec] ? `: ${SECTION_LABELS[sec]}` : ''}`, '');
    for (let i = 1; i <= secPath.length; i++) {
      const g = secPath.slice(0, i).join('.');
      if (i === secPath.length && headed && secPath.length > 1) {
        line(`### ${code(g)}`, '');
        const type = secPath[0] === 'banks' && secPath[1] === 'named' ? s.banks.named[secPath[2]!]?.type : undefined;
        const d = type ? `Every field it does not set is the \`banks.types.${type}\` value.` : cell(describe(secPath));
        if (d) line(d, '');
      }
      const c = comments.own.get(g);
      if (c && !printedComments.has(g)) {
        printedComments.add(g);
        line(`> \`china-2025.yaml\` on ${code(g)}: ${cell(c)}`, '');
      }
    }
    line('| path | value | unit | meaning | source and why |', '| --- | --- | --- | --- | --- |');
    for (const r of rows.filter((x) => sectionOf(x.path) === sec)) {
      line(`| ${code(r.path.join('.'))} | ${cell(formatValue(r.value, r.unit, currency))} | ${cell(r.unit)} | ${cell(r.node.description)} | ${sourceCell(r, rows, comments)} |`);
    }
    line('');
    if (sec === 'banks.named.' + Object.keys(s.banks.named).at(-1)) namedTemplate(line, currency);
    if (sec === 'regimes.' + Object.keys(s.regimes).at(-1)) regimeTemplate(line, currency);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** A table of the fields under a record's `<id>` (`banks.named.<id>`, `regimes.<id>`), from the schema, with each one's default. */
function idTemplate(line: (...l: string[]) => void, currency: string, prefix: readonly string[], intro: readonly string[], dflt: (key: string) => string): void {
  line('', `### ${code([...prefix, '<id>'].join('.'))}: ${intro[0]}`, '', ...intro.slice(1), '', '| path | default | unit | meaning |', '| --- | --- | --- | --- |');
  for (const leaf of schemaLeaves().filter((l) => prefix.every((p, i) => l.path[i] === p) && l.path[prefix.length] === '*')) {
    const path = leaf.path.map((p) => (p === '*' ? '<id>' : p)).join('.');
    line(`| ${code(path)} | ${dflt(leaf.path[leaf.path.length - 1]!)} | ${cell(unitOf(leaf.path, leaf, currency))} | ${cell(leaf.description)} |`);
  }
}

/** The fields any named bank may set, from the schema (a scenario may add banks of its own). */
function namedTemplate(line: (...l: string[]) => void, currency: string): void {
  idTemplate(line, currency, ['banks', 'named'], [
    'the fields of any named bank',
    'A scenario may add named banks of its own under any id (letters, digits, `_` or `-`), or switch one',
    'off with `enabled: false`. `name` and `type` are required for a new bank; every other field defaults',
    'to the bank type\'s value.',
  ], (key) => (key === 'enabled' ? code('true') : key === 'name' || key === 'type' ? 'required' : 'the type\'s'));
}

/** The fields of a further regime (for a `timeline`), from the schema. */
function regimeTemplate(line: (...l: string[]) => void, currency: string): void {
  idTemplate(line, currency, ['regimes'], [
    'further regimes, for a timeline',
    'A scenario may add regimes under any name (letters, digits, `_` or `-`) and switch the policy arm to',
    'them with `timeline` (e.g. `scenarios/guidance-2026.yaml`). A further regime names every field, or',
    '`extends` another regime (before, after or a further one; chains allowed) and names only what it',
    'changes; the loader resolves it after every file is merged, so a change to the parent reaches it.',
  ], (key) => (key === 'extends' ? '(none)' : 'the parent\'s, else required'));
}
