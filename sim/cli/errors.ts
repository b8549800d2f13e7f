/** How the CLI ends on an error: bad input (exit 2, no stack) or a failure (exit 1). */
export class InputError extends Error {
  /** Every problem found, one line each, already naming file, path, expected and received. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[] | string) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = 'InputError';
    this.problems = list;
  }
}

/** A command's handler that ends any error the way the CLI promises (exitWithError). */
export function exitOnError<A>(command: (argv: A) => Promise<void>): (argv: A) => Promise<void> {
  return async (argv) => {
    try {
      await command(argv);
    } catch (err) {
      exitWithError(err);
    }
  };
}

/** Print an error the way the CLI promises and exit: 2 for bad input, 1 otherwise. */
export function exitWithError(err: unknown): never {
  if (err instanceof InputError || (err instanceof Error && err.name === 'InputError')) {
    const problems = (err as InputError).problems ?? [err.message];
    process.stderr.write(`lendsim: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the input:\n`);
    for (const p of problems) process.stderr.write(`  - ${p}\n`);
    process.exit(2);
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`lendsim: ${e.stack ?? e.message}\n`);
  process.exit(1);
}
