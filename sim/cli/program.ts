/** Pieces the commands share: how lendsim was invoked, signals, flag checks, notes on stderr. */
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { defaultScenarioFile, resolveScenarioRef } from '../scenario/shipped.js';
import { describeIoError, InputError, isIoError } from './errors.js';

/** How the user invoked lendsim ("lendsim", "npx lendsim", "node dist/sim/cli/main.js"), for commands they can paste. */
export function programName(): string {
  const script = process.argv[1] ?? 'lendsim';
  if (basename(script) === 'lendsim') return script.includes(`node_modules${sep}.bin`) ? 'npx lendsim' : 'lendsim';
  const rel = relative(process.cwd(), script);
  return `node ${rel.startsWith('..') ? script : rel}`;
}

/**
 * Stop on SIGINT/SIGTERM through an AbortController (finished runs are kept); `release()` removes the
 * handlers; `signalled()` says which signal came, if any.
 */
export function abortOnSignals(): { signal: AbortSignal; release: () => void; signalled: () => NodeJS.Signals | null } {
  const abort = new AbortController();
  let got: NodeJS.Signals | null = null;
  const on = (sig: NodeJS.Signals) => {
    if (got) return;
    got = sig;
    process.stderr.write(`\nlendsim: ${sig}: stopping; finished runs are kept\n`);
    abort.abort();
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    signal: abort.signal,
    release: () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
    signalled: () => got,
  };
}

/** Problems with integer flags: given twice, not an integer, out of range. */
export function intFlagProblems(flags: Record<string, unknown>, ranges: Record<string, [number, number]>): string[] {
  const problems: string[] = [];
  for (const [name, [min, max]] of Object.entries(ranges)) {
    const v = flags[name];
    if (v === undefined) continue;
    if (Array.isArray(v)) problems.push(`--${name}: given ${v.length} times, expected once`);
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      problems.push(`--${name}: expected an integer from ${min} to ${max}, received ${JSON.stringify(String(v))}`);
    }
  }
  return problems;
}

/** Problems with path flags: given twice, or empty. */
export function pathFlagProblems(flags: Record<string, unknown>, names: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const v = flags[name];
    if (Array.isArray(v)) problems.push(`--${name}: given ${v.length} times, expected once`);
    else if (v !== undefined && String(v).trim() === '') problems.push(`--${name}: expected a path, received an empty string`);
  }
  return problems;
}

/** Where a command's notes go: stderr, prefixed `lendsim: `, or nowhere with --quiet. */
export function stderrNotes(quiet: boolean): (line: string) => void {
  return (line) => {
    if (!quiet) process.stderr.write(`lendsim: ${line}\n`);
  };
}

/**
 * The DIR argument of merge and report: given once, an existing directory; else an InputError.
 * `expected` says what DIR should be ("the --out directory of the shards").
 */
export function existingDir(dir: unknown, expected: string): string {
  if (Array.isArray(dir)) throw new InputError(`DIR: given ${dir.length} times, expected one directory`);
  const d = String(dir);
  if (!existsSync(d)) throw new InputError(`${d}: no such directory (expected ${expected})`);
  if (!statSync(d).isDirectory()) throw new InputError(`${d}: expected a directory, found a file`);
  return d;
}

/**
 * A command's work that may fail on the file system mid-way (disk full, permission, read-only): such
 * a failure is reported with what is kept and how to continue (exit 1), never as a stack trace.
 * `kept()` counts the stored runs and their total when it happens.
 */
export async function stoppingOnIoError<T>(work: () => Promise<T>, kept: () => { stored: number; total: number; where: string }, resume: string): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    if (!isIoError(err)) throw err;
    const k = kept();
    process.stderr.write(`lendsim: stopped: ${describeIoError(err)}\nlendsim: ${k.stored} of ${k.total} runs are stored in ${k.where}; once that is fixed, continue with --resume:\n  ${resume}\n`);
    process.exitCode = 1;
    return null;
  }
}

/**
 * After a command's runs are all stored: a signal that came while it wrote the results (summary,
 * report) is not swallowed: say so, with the command that re-summarizes, and exit 130/143.
 */
export function exitIfSignalled(signalled: NodeJS.Signals | null, outDir: string, resume: string): boolean {
  if (!signalled) return false;
  process.stderr.write(`lendsim: interrupted (${signalled}) while writing the results; every run is stored in ${outDir}; re-summarize with:\n  ${resume}\n`);
  process.exitCode = signalled === 'SIGTERM' ? 143 : 130;
  return true;
}

/**
 * The SCENARIO (or SWEEP) argument as a path to read: as written when a file stands there; the shipped
 * file of that bare name when none does (scenario/shipped.ts); the shipped default scenario when none
 * was given. A shipped file is shown relative to the working directory when it is below it.
 */
export function scenarioArgument(given: string | undefined): string {
  const file = given === undefined ? defaultScenarioFile() : resolveScenarioRef(given, process.cwd());
  if (given !== undefined && file === resolve(given)) return given;
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
