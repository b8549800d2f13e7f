/**
 * What a shard file's header may say, checked before anything of it is used: its shape (a zod
 * schema), and its plan against its own content, recomputed (the scenario's or the sweep plan's
 * hash from the body, point indices that are their positions, point values that are what each
 * point's scenario holds). A header that fails is refused naming the file; `lendsim merge` never
 * trusts a field it has not checked (a point index becomes a directory name).
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { plainText, scenarioSchema, type Scenario } from '../scenario/schema.js';
import { PLAN_FORMAT, planHash, type SweepPlan } from '../sweep/plan.js';
import { DESIGNS, MAX_RUNS, MAX_SWEEP_POINTS } from '../sweep/schema.js';
import { scenarioHash } from './hash.js';
import { MAX_SHARDS, SHARD_FORMAT, type ShardHeader } from './shards.js';

const u32 = z.number().int().min(0).max(2 ** 32 - 1);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 (64 hex digits)');

// Built on first use: shards.ts and this module import each other.
const headerSchema = () => z.strictObject({
  format: z.literal(SHARD_FORMAT),
  kind: z.enum(['run', 'sweep']),
  name: plainText(z.string().min(1).max(200)),
  hash: hex64,
  seed: u32,
  runs: z.number().int().min(1).max(MAX_RUNS),
  shards: z.number().int().min(1).max(MAX_SHARDS),
  lendsim: z.string().min(1).max(100),
  shard: z.number().int().min(0).max(MAX_SHARDS - 1),
  tasks: z.number().int().min(0),
  gitCommit: z.string().max(100).nullable(),
  // Printed in messages (the command that makes a missing shard): no terminal control sequences.
  command: plainText(z.string().max(100_000)),
  source: z.strictObject({ file: z.string().nullable(), fileHash: z.string().nullable(), files: z.array(z.string()) }),
  plan: z.unknown(),
}).refine((h) => h.shard < h.shards, { path: ['shard'], message: 'expected a shard index below the shard count' });
let header: ReturnType<typeof headerSchema> | null = null;

const runPlanSchema = z.strictObject({ scenario: z.unknown() });

const sweepPlanSchema = z.strictObject({
  format: z.literal(PLAN_FORMAT),
  name: z.string().min(1).max(200),
  description: z.string(),
  file: z.string().nullable(),
  fileHash: z.string().nullable(),
  files: z.array(z.string()),
  fields: z.array(z.string().min(1)).min(1),
  fieldKinds: z.record(z.string(), z.enum(['number', 'integer', 'string', 'boolean', 'enum', 'list', 'mapping', 'other'])),
  design: z.enum(DESIGNS),
  samples: z.number().int().min(1).nullable(),
  runs: z.number().int().min(1).max(MAX_RUNS),
  seed: u32,
  points: z.array(z.strictObject({ index: z.number().int().min(0), values: z.record(z.string(), z.unknown()), scenario: z.unknown() })).min(1).max(MAX_SWEEP_POINTS),
  hash: hex64,
});

/** The first few problems of a failed parse, one line each: `path: message`. */
function issues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 4).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(the header)'}: ${i.message}`);
  return `${shown.join('; ')}${error.issues.length > shown.length ? `; and ${error.issues.length - shown.length} more` : ''}`;
}

/** The header line of `file`, parsed: checked to be a shard header. Throws an Error naming the file. */
export function checkShardHeader(file: string, raw: unknown): ShardHeader {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file}: not a lendsim shard file (its header is not a JSON object)`);
  const format = (raw as { format?: unknown }).format;
  if (format !== SHARD_FORMAT) throw new Error(`${file}: not a ${SHARD_FORMAT} file (format ${JSON.stringify(format) ?? 'missing'})`);
  header ??= headerSchema();
  const parsed = header.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: its header is not a valid ${SHARD_FORMAT} header: ${issues(parsed.error)}`);
  return parsed.data as ShardHeader;
}

/** A scenario carried by a shard: valid, and exactly what its hash says (nothing added or dropped). */
function checkScenario(file: string, where: string, raw: unknown, h: ShardHeader): Scenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${where} is not a valid scenario: ${issues(parsed.error)}`);
  const s = parsed.data;
  if (s.seed !== h.seed || s.runs !== h.runs) throw new Error(`${file}: ${where} has seed ${s.seed} and ${s.runs} runs, the header says seed ${h.seed} and ${h.runs} runs`);
  return s;
}

const edited = 'the file was edited or damaged; run that shard again';

/**
 * The plan of a shard whose header passed `checkShardHeader`, checked against its own content and
 * returned in its validated form. Throws an Error naming the file.
 */
export function checkShardPlan(file: string, h: ShardHeader): { scenario: Scenario } | SweepPlan {
  if (h.kind === 'run') {
    const p = runPlanSchema.safeParse(h.plan);
    if (!p.success) throw new Error(`${file}: its plan is not a run's plan: ${issues(p.error)}`);
    const scenario = checkScenario(file, 'its scenario', p.data.scenario, h);
    if (scenarioHash(scenario) !== h.hash || scenarioHash(p.data.scenario) !== h.hash) throw new Error(`${file}: its scenario does not match its content hash; ${edited}`);
    if (scenario.name !== h.name) throw new Error(`${file}: its scenario is named ${JSON.stringify(scenario.name)}, the header says ${JSON.stringify(h.name)}; ${edited}`);
    return { scenario };
  }
  const p = sweepPlanSchema.safeParse(h.plan);
  if (!p.success) throw new Error(`${file}: its plan is not a sweep plan: ${issues(p.error)}`);
  const raw = p.data;
  if (raw.name !== h.name || raw.runs !== h.runs || raw.seed !== h.seed) throw new Error(`${file}: its plan (sweep ${JSON.stringify(raw.name)}, seed ${raw.seed}, ${raw.runs} runs) is not the one its header names; ${edited}`);
  const points = raw.points.map((point, i) => {
    if (point.index !== i) throw new Error(`${file}: point ${i} of its plan says index ${JSON.stringify(point.index)}; expected ${i} (a point's index is its position); ${edited}`);
    const keys = Object.keys(point.values);
    if (keys.length !== raw.fields.length || raw.fields.some((f, k) => keys[k] !== f)) throw new Error(`${file}: point ${i} gives values of ${keys.join(', ') || 'no field'}, the plan sweeps ${raw.fields.join(', ')}; ${edited}`);
    const scenario = checkScenario(file, `the scenario of point ${i}`, point.scenario, h);
    if (scenarioHash(scenario) !== scenarioHash(point.scenario)) throw new Error(`${file}: the scenario of point ${i} is not a resolved scenario; ${edited}`);
    for (const field of raw.fields) {
      const held = field.split('.').reduce<unknown>((o, step) => (o !== null && typeof o === 'object' && Object.hasOwn(o, step) ? (o as Record<string, unknown>)[step] : undefined), scenario);
      if (!isDeepStrictEqual(held, point.values[field])) throw new Error(`${file}: point ${i} is labelled ${field} = ${JSON.stringify(point.values[field])}, its scenario holds ${JSON.stringify(held)}; ${edited}`);
    }
    return { index: i, values: point.values, scenario };
  });
  const plan: SweepPlan = { ...raw, points };
  const recomputed = planHash(plan);
  if (recomputed !== raw.hash || recomputed !== h.hash) throw new Error(`${file}: its plan does not match its content hash (recomputed ${recomputed.slice(0, 12)}, the file says ${h.hash.slice(0, 12)}); ${edited}`);
  return plan;
}
