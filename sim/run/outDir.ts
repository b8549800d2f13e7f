/** Where an experiment's results go by default: output/<slug of the scenario name>. */
import { join } from 'node:path';

/**
 * A file-name-safe form of a scenario name: letters, digits, '.', '_' and '-' kept (case too), any
 * other run of characters becomes one '-', no leading dots or dashes. "China 2025 / base" ->
 * "China-2025-base"; a name with nothing usable -> "scenario".
 */
export function slug(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 100);
  return s === '' ? 'scenario' : s;
}

/** output/<slug(name)>, relative to the working directory. */
export function defaultOutDir(name: string): string {
  return join('output', slug(name));
}
