/**
 * The run of a command that executes a sweep plan and then analyses it (decompose, sensitivity):
 * workers and --out as `lendsim sweep` (prepareSweepLike), signals, the resume command, progress,
 * failures and shards as a sweep (sweepNotDone); `finish` prints the analysis when all is done.
 */
import { basename } from 'node:path';
import { createProgress } from '../run/progress.js';
import { shellQuote } from '../run/reproduce.js';
import type { ShardSpec } from '../run/shards.js';
import type { SweepOptions, SweepRunResult } from '../run/sweep.js';
import type { SweepPlan } from '../sweep/plan.js';
import { abortOnSignals, exitIfSignalled, stoppingOnIoError } from './program.js';
import { keptRuns, prepareSweepLike, sweepNotDone, type SweepLikeArgs } from './sweep.js';

export interface SweepLikeJob<R extends SweepRunResult> {
  argv: SweepLikeArgs;
  plan: SweepPlan;
  shard: ShardSpec | null;
  note: (line: string) => void;
  /** The command line that reruns this command with `extra` flags (absolute paths). */
  commandLine: (program: string, outDir: string, extra: readonly string[]) => string;
  /** What the plan is, for the first note. */
  describe: string;
  /** The analysis file written once merged shards are resumed. */
  output: string;
  run: (options: Omit<SweepOptions, 'plan'>) => Promise<R>;
  /** Print the analysis (stdout: --json or the directory); returns extra files written. */
  finish: (result: R, outDir: string) => Promise<string[]>;
}

export async function runSweepLike<R extends SweepRunResult>(job: SweepLikeJob<R>): Promise<void> {
  const { argv, plan, shard, note } = job;
  const { workers, outDir, program, runner } = prepareSweepLike(argv, plan, note);
  note(`${job.describe}: ${plan.points.length} points x ${plan.runs} runs x 2 arms = ${plan.points.length * plan.runs * 2} runs${shard ? `; shard ${shard.index}/${shard.count} runs its share` : ''}`);
  const signals = abortOnSignals();
  const resume = job.commandLine(program, outDir, ['--resume', ...(shard ? ['--shard', `${shard.index}/${shard.count}`] : [])]);
  try {
    const result = await stoppingOnIoError(() => job.run({
      outDir, mode: argv.resume ? 'resume' : argv.fresh ? 'fresh' : 'new', workers, runner,
      signal: signals.signal, log: note,
      command: [program, ...process.argv.slice(2).map(shellQuote)].join(' '),
      ...(shard ? { shard: { spec: shard, rerun: job.commandLine(program, outDir, ['--resume']) } } : {}),
      ...(argv.quiet ? {} : { progress: (total: number, alreadyDone: number) => createProgress({ total, alreadyDone }) }),
    }), () => keptRuns(plan, outDir, shard), resume);
    if (result === null) return;
    if (sweepNotDone(argv, plan, outDir, shard, result, resume, program, note, signals.signalled)) {
      if (shard && result.status === 'done') note(`after lendsim merge: ${job.commandLine(program, outDir, ['--resume'])} writes ${job.output}`);
      return;
    }
    const extra = await job.finish(result, outDir);
    note(`results in ${outDir}: ${[...result.files, ...extra].map((f) => basename(f)).join(', ')}, points/ (${plan.points.length} run directories) (${result.computed} runs computed, ${result.wallSeconds.toFixed(1)} s)`);
    exitIfSignalled(signals.signalled(), outDir, resume);
  } finally {
    signals.release();
  }
}
