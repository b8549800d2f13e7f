/**
 * Progress of an experiment on stderr: on a terminal a bar redrawn in place (runs done/total,
 * runs/s, ETA); otherwise (a log file, CI) a plain line every few seconds. Rates count only the runs
 * done by this process, so a resume does not report an inflated speed.
 */
export interface ProgressOptions {
  total: number;
  /** Runs already stored when this process started. */
  alreadyDone: number;
  stream?: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Interval of the plain lines, ms (default 5000). */
  plainEveryMs?: number;
  now?: () => number;
}

export interface Progress {
  update(done: number): void;
  /** Print the last state and leave the terminal line clean. */
  finish(): void;
}

export const silentProgress: Progress = { update() {}, finish() {} };

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const plainEvery = options.plainEveryMs ?? 5000;
  let lastDraw = tty ? -Infinity : started;
  let done = options.alreadyDone;
  let drawn = false;

  const text = (): string => {
    const fresh = done - options.alreadyDone;
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? fresh / seconds : 0;
    const left = options.total - done;
    const eta = rate > 0 ? formatDuration(left / rate) : '?';
    return `${done}/${options.total} runs  ${rate.toFixed(rate < 10 ? 2 : 1)} runs/s  ETA ${eta}`;
  };

  return {
    update(d: number) {
      done = d;
      const t = now();
      if (tty) {
        if (t - lastDraw < 100 && done < options.total) return;
        lastDraw = t;
        const width = Math.max(10, Math.min(40, ((stream as { columns?: number }).columns ?? 80) - 50));
        const filled = Math.round((width * done) / Math.max(1, options.total));
        stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text()}`);
        drawn = true;
      } else if (t - lastDraw >= plainEvery) {
        lastDraw = t;
        stream.write(`lendsim: ${text()}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write(`\r\x1b[K`);
      const seconds = (now() - started) / 1000;
      stream.write(`lendsim: ${done}/${options.total} runs done (${done - options.alreadyDone} in ${formatDuration(seconds)})\n`);
    },
  };
}

/** 75 -> "1m15s", 3700 -> "1h01m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
