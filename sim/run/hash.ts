/** Content hashes that tie stored runs to the experiment that made them. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same text for the same data, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

/** sha256 of a string, hex. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of a resolved scenario (every default filled, --runs and --seed applied). */
export function scenarioHash(scenario: unknown): string {
  return sha256(canonicalJson(scenario));
}
