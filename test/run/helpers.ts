/** Shared setup for the run-layer tests: the compiled worker, fixture runners, small scenarios. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultScenario, type Scenario } from '../../sim/scenario/schema.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/sim/cli/main.js');

/**
 * The compiled worker (workers must be JS). Fails with the fix when the build is missing or older
 * than the sources it is built from.
 */
export function distWorkerUrl(): URL {
  const worker = join(ROOT, 'dist/sim/run/worker.js');
  if (!existsSync(worker)) throw new Error(`${worker} is missing: run \`npm run build\` first (npm test does)`);
  const built = statSync(worker).mtimeMs;
  const sources = [...readdirSync(join(ROOT, 'sim/run')).map((f) => join(ROOT, 'sim/run', f)), join(ROOT, 'sim/model/pack.ts')];
  const stale = sources.filter((f) => f.endsWith('.ts') && statSync(f).mtimeMs > built + 1000);
  if (stale.length > 0) throw new Error(`dist is older than ${stale.join(', ')}: run \`npm run build\` first`);
  return pathToFileURL(worker);
}

/** URL of a runner in test/fixtures/workers. */
export function fixture(name: string): string {
  return pathToFileURL(join(ROOT, 'test/fixtures/workers', name)).href;
}

export function fixturePath(name: string): string {
  return join(ROOT, 'test/fixtures/workers', name);
}

/** The calibrated base, shortened: few runs and months. */
export function tinyScenario(overrides: Partial<Pick<Scenario, 'runs' | 'months' | 'ruleStartMonth' | 'seed' | 'name'>> = {}): Scenario {
  const s = defaultScenario();
  return { ...s, name: 'tiny', runs: 6, months: 8, ruleStartMonth: 4, ...overrides };
}

/** What a CLI run left: exit status and both streams. */
export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI in a child process (npm test builds dist first), from ROOT unless `cwd` says otherwise. */
export function lendsim(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Ran {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000, maxBuffer: 256 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'lendsim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
