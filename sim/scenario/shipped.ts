/**
 * The scenarios and sweep files shipped in the package (its `scenarios/` directory), found from this
 * module wherever the package is installed, so that an installed `lendsim` runs its default scenario in
 * any directory and a file can `extends: china-2025.yaml` (a bare name) without a copy beside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The directory of lendsim's package.json, found by walking up from this module (works from sim/ and dist/sim/). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'lendsim') return (cachedRoot = dir);
    if (dirname(dir) === dir) return (cachedRoot = start);
  }
}

/** The package's `scenarios/` directory. */
export function shippedScenariosDir(): string {
  return join(packageRoot(), 'scenarios');
}

/** The default scenario of `lendsim run`: the calibrated base market, in the package. */
export function defaultScenarioFile(): string {
  return join(shippedScenariosDir(), 'china-2025.yaml');
}

/**
 * Where a scenario reference written in a file (`extends:`, a sweep's `base:`) points: the path relative
 * to `fromDir`; or, when no file stands there and the reference is a bare name (no directory) of a
 * shipped scenario, the shipped file.
 */
export function resolveScenarioRef(ref: string, fromDir: string): string {
  const local = resolve(fromDir, ref);
  if (existsSync(local) || basename(ref) !== ref) return local;
  const shipped = join(shippedScenariosDir(), ref);
  return existsSync(shipped) ? shipped : local;
}
