/** Command lines printed for the user to copy: a failed run alone, or the experiment resumed. */

/** Quote an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface CommandParts {
  /** How the user invokes lendsim ("lendsim", "npx lendsim", "node dist/sim/cli/main.js"), already shell-safe. */
  program: string;
  scenarioFile: string;
  seed: number;
  runs: number;
  /** Extra flags that change results (a test runner). */
  extra?: readonly string[];
}

/** `lendsim run FILE --seed S --runs R --only-run I --arm A`: runs that one run in-process, with its full stack. */
export function reproduceCommand(parts: CommandParts, runIndex: number, arm: string): string {
  const args = ['run', parts.scenarioFile, '--seed', String(parts.seed), '--runs', String(parts.runs),
    '--only-run', String(runIndex), '--arm', arm, ...(parts.extra ?? [])];
  return [parts.program, ...args.map(shellQuote)].join(' ');
}

/** The same experiment, continued from its stored runs. */
export function resumeCommand(parts: CommandParts, outDir: string, workers?: number): string {
  const args = ['run', parts.scenarioFile, '--seed', String(parts.seed), '--runs', String(parts.runs),
    '--out', outDir, ...(workers ? ['--workers', String(workers)] : []), '--resume', ...(parts.extra ?? [])];
  return [parts.program, ...args.map(shellQuote)].join(' ');
}
