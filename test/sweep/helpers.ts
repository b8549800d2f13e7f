/** Sweep files written to a temp directory next to a copy-free reference to the repository's scenarios. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../sim/cli/errors.js';
import { loadSweep } from '../../sim/sweep/load.js';
import { CLI, ROOT } from '../run/helpers.js';

export { CLI, ROOT };
export const SMALL = join(ROOT, 'scenarios/small.yaml');
export const FIXTURES = join(ROOT, 'test/sweep/fixtures');

export function tempDir(prefix = 'lendsim-sweep-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write `text` as `name` in `dir`; returns its path. */
export function writeFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A tiny scenario for the engine: the small market, shorter, no report (fast). */
export function tinyBase(dir: string, extra = ''): string {
  return writeFile(dir, 'tiny.yaml', `extends: ${SMALL}\nname: tiny\nruns: 2\nmonths: 8\nruleStartMonth: 4\nburnInMonths: 2\nborrowers: { count: 2000 }\noutputs: { report: false }\n${extra}`);
}

/** The problems loading a sweep file reports; fails the test when it loads. */
export function problems(file: string): string[] {
  try {
    loadSweep(file);
  } catch (err) {
    if (err instanceof InputError) return [...err.problems];
    throw err;
  }
  throw new Error(`${file} loaded without problems`);
}
