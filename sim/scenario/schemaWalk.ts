/**
 * Walking a zod schema (the scenario schema is the single source of truth for field names): under
 * its wrappers, into an object's fields or a tagged union's options. Used by the problem messages
 * (problems.ts: siblings to suggest, where a misplaced field belongs) and by sweep field paths
 * (sim/sweep/fieldPaths.ts). Reads zod 4's `_zod.def`, the one place that knows its shape.
 */
import type { z } from 'zod';
import { isMapping } from './merge.js';

export type AnySchema = z.core.$ZodType;

/** A schema's definition: its `type` and the fields that type carries (`innerType`, `shape`, `options`, ...). */
export const defOf = (s: AnySchema) => s._zod.def as unknown as Record<string, unknown> & { type: string };

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The schema under its wrappers (default, optional, nullable, ...), and whether one of them was nullable. */
export function unwrap(schema: AnySchema): { schema: AnySchema; nullable: boolean } {
  let s = schema;
  let nullable = false;
  for (;;) {
    const def = defOf(s);
    if (def.type === 'nullable') nullable = true;
    if (WRAPPERS.has(def.type)) s = def.innerType as AnySchema;
    else if (def.type === 'pipe') s = def.in as AnySchema;
    else return { schema: s, nullable };
  }
}

/**
 * The field schemas an object accepts; for a union, those of the option whose tag `value` carries
 * (a tagged union given a value), else every option's fields merged. undefined when nothing there
 * has fields (a number, a list, a union of plain values).
 */
export function fieldsOf(schema: AnySchema, value?: unknown): Record<string, AnySchema> | undefined {
  const def = defOf(unwrap(schema).schema);
  if (def.type === 'object') {
    const shape = def.shape as Record<string, AnySchema>;
    const rest = catchallOf(schema);
    // An object that takes further keys (regimes): the keys the value holds beyond its fields take the catchall's schema.
    if (!rest || !isMapping(value)) return shape;
    return { ...Object.fromEntries(Object.keys(value).filter((k) => !Object.hasOwn(shape, k)).map((k) => [k, rest])), ...shape };
  }
  if (def.type === 'union') {
    const options = (def.options as AnySchema[]).map((o) => fieldsOf(o, value)).filter((f) => f !== undefined);
    const tag = def.discriminator as string | undefined;
    const tagValue = tag !== undefined && isMapping(value) ? value[tag] : undefined;
    const chosen = tagValue === undefined ? undefined : options.find((f) => {
      const tagSchema = f[tag!];
      return tagSchema !== undefined && literalValues(tagSchema).includes(tagValue);
    });
    return chosen ?? (options.length > 0 ? Object.assign({}, ...options) : undefined);
  }
  return undefined;
}

/** The values a literal or enum schema accepts (a tagged union's tags); [] for any other schema. */
export function literalValues(schema: AnySchema): unknown[] {
  const def = defOf(unwrap(schema).schema);
  return def.type === 'literal' ? (def.values as unknown[]) : def.type === 'enum' ? Object.values(def.entries as object) : [];
}

/** The schema of the further keys an object takes beyond its fields (`regimes.<id>`); undefined for a strict or plain object. */
export function catchallOf(schema: AnySchema): AnySchema | undefined {
  const def = defOf(unwrap(schema).schema);
  const rest = def.type === 'object' ? (def.catchall as AnySchema | undefined) : undefined;
  return rest && defOf(rest).type !== 'never' && defOf(rest).type !== 'unknown' ? rest : undefined;
}
