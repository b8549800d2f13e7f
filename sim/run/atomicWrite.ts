/**
 * Files that are either the old version or the complete new one, never half-written: the text goes
 * to a temporary file in the same directory (same filesystem, so rename is atomic), is flushed to
 * disk, and is renamed over the target. Temporary names are `.NAME.tmp-PID`, so a killed writer's
 * leftovers are recognizable and `removeStaleTemps` can clear them (only those of dead processes).
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The temporary name used for `file` by this process. */
export function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
}

/** Write `content` to `file` atomically (temp file, fsync, rename). */
export function atomicWrite(file: string, content: string | Uint8Array): void {
  const tmp = writeTemp(file, content);
  renameSync(tmp, file);
}

/** The first half of `atomicWrite`: write and flush the temp file, return its path (rename it later). */
export function writeTemp(file: string, content: string | Uint8Array): string {
  const tmp = tempPath(file);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  return tmp;
}

const TEMP_NAME = /^\..+\.tmp-(\d+)$/;

/** Whether process `pid` lives (on this host). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `name` is a temp file (`.NAME.tmp-PID`) of a writer that is gone: a killed process's
 * leftover. A live process's temp file (another lendsim writing into the same directory right now)
 * and this process's own are not stale.
 */
export function isStaleTemp(name: string): boolean {
  const m = TEMP_NAME.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  return pid !== process.pid && !isAlive(pid);
}

/** Remove temp files left in `dir` by writers that were killed (`.NAME.tmp-PID` of a dead PID). */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (isStaleTemp(name)) rmSync(join(dir, name), { force: true });
}
