/**
 * How many worker threads fit in memory. Each thread holds one market: borrower state (about 100
 * bytes per borrower in typed arrays, with its scoring scratch) plus its loans (about 48 bytes per
 * loan slot, up to maxConcurrentLoans per borrower), plus the thread's own heap and code (~64 MiB).
 * An estimate, deliberately on the high side; the limit leaves 30% of the machine to everything else.
 */
import { totalmem } from 'node:os';
import type { Scenario } from '../scenario/schema.js';

export const BYTES_PER_BORROWER = 100;
export const BYTES_PER_LOAN_SLOT = 48;
export const THREAD_BASE_BYTES = 64 * 1024 * 1024;
/** Share of the machine's memory the workers may use together. */
export const MEMORY_SHARE = 0.7;

/** Estimated bytes one worker thread needs for one run of `scenario`. */
export function estimateWorkerBytes(scenario: Scenario): number {
  const n = scenario.borrowers.count;
  return THREAD_BASE_BYTES + n * BYTES_PER_BORROWER + n * scenario.borrowers.maxConcurrentLoans * BYTES_PER_LOAN_SLOT;
}

/** The most workers that fit in MEMORY_SHARE of `totalBytes` (at least 0). */
export function maxWorkersForMemory(scenario: Scenario, totalBytes = totalmem()): number {
  return Math.floor((MEMORY_SHARE * totalBytes) / estimateWorkerBytes(scenario));
}

/** "1.2 GB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${Math.round(bytes / 1e6)} MB`;
}

/**
 * The worker count for an experiment. An explicit `--workers` that does not fit is refused (a
 * message, not a crash an hour in); the default (available cores) is lowered to what fits, with a
 * note. `problem` says why no worker count fits (then `workers` is 0).
 */
export function chooseWorkers(
  requested: number | undefined,
  defaultWorkers: number,
  scenario: Scenario,
  totalBytes = totalmem(),
): { workers: number; note: string | null; problem: string | null } {
  const per = estimateWorkerBytes(scenario);
  const fit = maxWorkersForMemory(scenario, totalBytes);
  const budget = `${Math.round(MEMORY_SHARE * 100)}% of this machine's ${formatBytes(totalBytes)}`;
  const size = `about ${formatBytes(per)} per worker for ${scenario.borrowers.count} borrowers`;
  if (fit < 1) {
    return { workers: 0, note: null, problem: `one run needs ${size}, more than ${budget}: describe the market with fewer borrowers (results scale with market.realBorrowers)` };
  }
  if (requested !== undefined) {
    if (requested > fit) {
      return { workers: 0, note: null, problem: `--workers ${requested} would need ${formatBytes(requested * per)} (${size}), more than ${budget}: use --workers ${fit} or fewer` };
    }
    return { workers: requested, note: null, problem: null };
  }
  if (defaultWorkers > fit) {
    return { workers: fit, note: `using ${fit} workers instead of ${defaultWorkers} (one per core): ${size}, within ${budget}`, problem: null };
  }
  return { workers: defaultWorkers, note: null, problem: null };
}
