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

/** Print an error the way the CLI promises and exit: 2 for bad input, 1 otherwise (a file-system error without its stack). */
export function exitWithError(err: unknown): never {
  if (err instanceof InputError || (err instanceof Error && err.name === 'InputError')) {
    const problems = (err as InputError).problems ?? [err.message];
    process.stderr.write(`lendsim: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the input:\n`);
    for (const p of problems) process.stderr.write(`  - ${p}\n`);
    process.exit(2);
  }
  if (isIoError(err)) {
    process.stderr.write(`lendsim: ${describeIoError(err)}\n`);
    process.exit(1);
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`lendsim: ${e.stack ?? e.message}\n`);
  process.exit(1);
}

/**
 * An I/O error as a short phrase: `permission denied (EACCES)`, `no space left on device (ENOSPC)`;
 * the code's plain meaning, without the stack.
 */
export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', ENOSPC: 'no space left on device', EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a directory', EISDIR: 'is a directory', ENOENT: 'no such file or directory',
    EDQUOT: 'disk quota exceeded', EEXIST: 'already exists', EIO: 'input/output error', EMFILE: 'too many open files',
    ENAMETOOLONG: 'name too long', ELOOP: 'too many symbolic links', EBUSY: 'busy', EFBIG: 'file too large',
  };
  if (typeof e?.code === 'string') return `${reasons[e.code] ?? e.message}${e.path ? ` at ${e.path}` : ''} (${e.code})`;
  return e instanceof Error ? e.message : String(err);
}

/** Whether `err` is an error of the file system (it has an errno code), not a bug. */
export function isIoError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

