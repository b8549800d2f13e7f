/**
 * The sweep-file schema: the single source of truth for what a sweep file may say, its validation and
 * its published JSON Schema (`lendsim schema --sweep`, scenarios/sweep.schema.json).
 *
 * A sweep runs a full paired Monte Carlo comparison (policy arm vs counterfactual) at every point of
 * a design over scenario fields:
 *
 *   sweep: cap-sweep                       # name: output/<name>, the report title
 *   base: china-2025.yaml                  # a scenario file, relative to this file
 *   set:                                   # optional: fixed overrides of the base, by field path
 *     borrowers.count: 50000
 *   vary:                                  # the swept fields, by field path
 *     regimes.after.comprehensiveCap: { from: 0.12, to: 0.36, step: 0.02 }   # or a list of values
 *   design: grid                           # grid (full factorial) | lhs (Latin hypercube)
 *   samples: 20                            # lhs only: points; each axis then a {min, max}
 *   runs: 16                               # Monte Carlo runs per arm at every point (default: the base's)
 *   seed: 20251001                         # default: the base's; every point uses it (common random numbers)
 *
 * What zod checks here is the file's shape; whether a field path exists and whether the scenario
 * takes each value is checked by the loader (load.ts) against the scenario schema.
 */
import { z } from 'zod';
import { plainText } from '../scenario/schema.js';

export const DESIGNS = ['grid', 'lhs'] as const;
export type Design = (typeof DESIGNS)[number];

/** Most values a list axis, or samples an lhs design, may have in the file's shape. */
export const MAX_POINTS = 10_000;
/**
 * Most points a sweep may have (a grid's product, or lhs samples), checked by the loader before any
 * point is resolved. sweep.json holds every point's summary (~200 kB each): far more points would make
 * a text larger than V8 can hold, found only after every run; refusing them up front also keeps
 * `lendsim check` quick.
 */
export const MAX_SWEEP_POINTS = 1_000;
export const MAX_RUNS = 100_000;

/** How an axis value is worded in messages: what is accepted and how to write a fixed value. */
const AXIS_FORMS = 'a list of values, {from, to, step} (grid) or {min, max} (lhs)';

function axisMessage(input: unknown): string {
  if (input === null || typeof input !== 'object') {
    const shown = typeof input === 'string' ? JSON.stringify(input) : String(input);
    return `expected ${AXIS_FORMS}, received ${shown}; a value that stays fixed goes under \`set:\` (or write it as a one-item list)`;
  }
  const keys = Object.keys(input);
  const ranges = [['from', 'to', 'step'], ['min', 'max']] as const;
  for (const form of ranges) {
    if (keys.some((k) => (form as readonly string[]).includes(k))) {
      const missing = form.filter((k) => !keys.includes(k));
      const extra = keys.filter((k) => !(form as readonly string[]).includes(k));
      const notNumbers = form.filter((k) => keys.includes(k) && typeof (input as Record<string, unknown>)[k] !== 'number');
      const parts = [
        ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
        ...(extra.length ? [`unknown ${extra.join(', ')}`] : []),
        ...(notNumbers.length ? [`${notNumbers.join(', ')} not a number`] : []),
      ];
      return `expected {${form.join(', ')}} with numbers, received {${keys.join(', ')}} (${parts.join('; ')})`;
    }
  }
  return `expected ${AXIS_FORMS}, received a mapping with ${keys.length === 0 ? 'no keys' : `keys ${keys.join(', ')}`}`;
}

/** A grid axis written as a range: from, from + step, ... up to `to` (included when it falls on a step). */
export const rangeAxisSchema = z.strictObject({
  from: z.number(),
  to: z.number(),
  step: z.number().positive(),
});
/** An lhs axis: each of the K samples falls in its own 1/K stratum of [min, max]. */
export const boundsAxisSchema = z.strictObject({ min: z.number(), max: z.number() });
/** A grid axis written out: the values in the order given (numbers, strings, booleans or mappings). */
export const listAxisSchema = z.array(z.unknown()).min(1).max(MAX_POINTS);

export const axisSchema = z.union([listAxisSchema, rangeAxisSchema, boundsAxisSchema], { error: (iss) => axisMessage(iss.input) });
export type Axis = z.infer<typeof axisSchema>;
export type RangeAxis = z.infer<typeof rangeAxisSchema>;
export type BoundsAxis = z.infer<typeof boundsAxisSchema>;

export function isRangeAxis(a: unknown): a is RangeAxis {
  return typeof a === 'object' && a !== null && !Array.isArray(a) && 'from' in a;
}
export function isBoundsAxis(a: unknown): a is BoundsAxis {
  return typeof a === 'object' && a !== null && !Array.isArray(a) && 'min' in a;
}

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Design rules across fields: which axis forms and keys each design takes. */
function designProblems(s: { design?: unknown; samples?: unknown; vary?: unknown }, report: (path: (string | number)[], input: unknown, message: string) => void): void {
  const design = s.design ?? 'grid';
  const vary = typeof s.vary === 'object' && s.vary !== null && !Array.isArray(s.vary) ? (s.vary as Record<string, unknown>) : null;
  if (vary && Object.keys(vary).length === 0) report(['vary'], vary, 'expected at least one field to vary, received none');
  if (design === 'lhs') {
    if (s.samples === undefined) report(['samples'], undefined, 'expected the number of points (samples: K) with design: lhs, received nothing');
    for (const [k, axis] of Object.entries(vary ?? {})) {
      if (Array.isArray(axis) || isRangeAxis(axis)) {
        report(['vary', k], axis, `expected {min, max} with design: lhs (each sample falls in its own stratum of the range), received ${Array.isArray(axis) ? 'a list' : '{from, to, step}'}; lists and ranges are grid axes`);
      }
    }
  } else if (design === 'grid') {
    if (s.samples !== undefined) report(['samples'], s.samples, 'expected no samples with design: grid (its points are the product of the axes); use design: lhs to sample');
    for (const [k, axis] of Object.entries(vary ?? {})) {
      if (isBoundsAxis(axis)) report(['vary', k], axis, 'expected a list of values or {from, to, step} with design: grid, received {min, max}; write design: lhs and samples: K to sample the range');
    }
  }
  for (const [k, axis] of Object.entries(vary ?? {})) {
    if (isRangeAxis(axis) && typeof axis.from === 'number' && typeof axis.to === 'number' && axis.to < axis.from) {
      report(['vary', k, 'to'], axis.to, `expected to >= from (${axis.from}), received ${axis.to}; a range runs upward by a positive step`);
    }
    if (isBoundsAxis(axis) && typeof axis.min === 'number' && typeof axis.max === 'number' && axis.max < axis.min) {
      report(['vary', k, 'max'], axis.max, `expected max >= min (${axis.min}), received ${axis.max}`);
    }
  }
}

export const sweepSchema = z
  .strictObject({
    /** The sweep's name: output/<name> and the report title. */
    sweep: plainText(z.string().min(1).max(200)),
    description: plainText(z.string().max(10_000), true).default(''),
    /** The scenario every point starts from, relative to this file. */
    base: z.string().min(1).max(4096),
    /**
     * Fixed overrides of the base, by field path (`borrowers.count: 50000`); applied before the swept
     * values. A fixed value is a scalar here, a swept one a list under `vary` (as in Mesa's batch runs).
     */
    set: z.record(z.string(), z.unknown()).default({}),
    /** The swept fields, by field path (`regimes.after.comprehensiveCap`): a list, {from, to, step} or {min, max}. */
    vary: z.record(z.string(), axisSchema),
    /** grid: every combination of the axes' values (full factorial); lhs: a seeded Latin hypercube of `samples` points. */
    design: z.enum(DESIGNS).default('grid'),
    /** lhs only: the number of points. */
    samples: int(1, MAX_POINTS).optional(),
    /** Monte Carlo runs per arm at every point (default: the base scenario's runs). */
    runs: int(1, MAX_RUNS).optional(),
    /** Seed of every point's runs and of the lhs sample (default: the base scenario's seed). */
    seed: int(0, 2 ** 32 - 1).optional(),
  })
  .check(
    z.superRefine((value, ctx) => designProblems(value as Record<string, unknown>, (path, input, message) => ctx.addIssue({ code: 'custom', path, input, message })), {
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
  );

/** A validated sweep file (paths and values not yet checked against the scenario schema). */
export type SweepFile = z.infer<typeof sweepSchema>;
