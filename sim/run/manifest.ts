/**
 * manifest.json: where a result came from (CONTRACT.md): package version, git commit when known,
 * Node version, command line, workers, wall seconds, scenario file hash and the files of its extends
 * chain. Unlike summary.json it may hold times and hosts: it describes this execution.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../scenario/shipped.js';

export interface PackageInfo {
  name: string;
  version: string;
  /** Directory holding package.json. */
  root: string;
}

let cachedPackage: PackageInfo | undefined;

/** lendsim's package.json (packageRoot: found by walking up from the module; works from sim/ and dist/sim/). */
export function packageInfo(): PackageInfo {
  if (cachedPackage) return cachedPackage;
  const root = packageRoot();
  const file = join(root, 'package.json');
  const pkg = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }) : {};
  return (cachedPackage = { name: 'lendsim', version: pkg.name === 'lendsim' ? (pkg.version ?? '0.0.0') : '0.0.0', root });
}

/**
 * What stored runs and shards are tied to: the lendsim version and the major version of Node that
 * computed them ("0.1.0 on Node 20"). A store or shards made under another are refused (resume,
 * merge): the engine's results are exact across V8 versions (sim/math/intPow.ts), but the statistics
 * and any later change may not be, so runs of two runtimes are never mixed.
 */
export function runtimeIdentity(): string {
  return `${packageInfo().version} on Node ${process.versions.node.split('.')[0]}`;
}

let cachedGit: { commit: string | null; dirty: boolean | null } | undefined;

/** The git commit of the checkout lendsim runs from, and whether tracked files differ from it; nulls outside git. */
export function gitState(): { commit: string | null; dirty: boolean | null } {
  if (cachedGit) return cachedGit;
  const root = packageInfo().root;
  // Read-only queries; GIT_OPTIONAL_LOCKS=0 keeps `status` from refreshing (writing) the index.
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    let dirty: boolean | null = null;
    try {
      dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    } catch {
      dirty = null;
    }
    cachedGit = { commit: /^[0-9a-f]{40}$/.test(commit) ? commit : null, dirty };
  } catch {
    cachedGit = { commit: null, dirty: null };
  }
  return cachedGit;
}

export interface ManifestInput {
  command: string;
  workers: number;
  wallSeconds: number;
  startedAt: Date;
  scenario: {
    name: string;
    /** The scenario file as given, or null when the scenario did not come from a file. */
    file: string | null;
    /** The loader's hash of the resolved scenario file chain (before --runs / --seed). */
    fileHash: string | null;
    /** The extends chain, the given file first. */
    files: readonly string[];
    /** Hash of the scenario actually run (--runs and --seed applied): what the stored runs are tied to. */
    resolvedHash: string;
  };
  seed: number;
  runs: number;
  months: number;
  /** Runs (both arms) computed by this execution and found stored from an earlier one. */
  runsComputed: number;
  runsReused: number;
  /** sha256 of each output file written, by name. */
  outputs: Record<string, string>;
}

export function buildManifest(input: ManifestInput): Record<string, unknown> {
  const pkg = packageInfo();
  const git = gitState();
  return {
    lendsim: pkg.version,
    gitCommit: git.commit,
    gitDirty: git.dirty,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    command: input.command,
    workers: input.workers,
    wallSeconds: Math.round(input.wallSeconds * 1000) / 1000,
    startedAt: input.startedAt.toISOString(),
    scenario: input.scenario,
    seed: input.seed,
    runs: input.runs,
    months: input.months,
    runsComputed: input.runsComputed,
    runsReused: input.runsReused,
    outputs: input.outputs,
  };
}
