/**
 * `lendsim sweep SWEEP`: a full paired Monte Carlo comparison at every point of a sweep file's design
 * (sim/sweep), every run of every point in one pool, streamed to disk; writes DIR/sweep.json,
 * sweep.csv, manifest.json and one `run` directory per point (sim/run/sweep.ts), then the report
 * when the base scenario asks for one (`outputs.report`). With --shard I/N it runs one shard and
 * writes DIR/shards/shard-I-of-N.lss for `lendsim merge`.
 *
 * stdout carries only the result: the output directory (the shard file with --shard), or sweep.json
 * with --json. The table of effects and exit points, progress and notes go to stderr.
 * Exit codes as `lendsim run`: 0 done, 1 a run failed, 2 bad input, 130/143 interrupted.
 */
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { sameResultsNotes } from '../../analysis/sweep/sameResults.js';
import type { SweepResult } from '../../analysis/sweep/sweepOutputs.js';
import { sweepTable } from '../../analysis/sweep/table.js';
import { chooseWorkers } from '../run/memoryGuard.js';
import { ARMS } from '../model/result.js';
import { defaultOutDir, prepareOutDir } from '../run/outDir.js';
import { createProgress } from '../run/progress.js';
import { shellQuote } from '../run/reproduce.js';
import { parseShard, shardTaskCount, shardWorkDir, type ShardSpec } from '../run/shards.js';
import { countStoredRuns } from '../run/store.js';
import { pointDir, pointSubdir, runSweep, type SweepRunResult } from '../run/sweep.js';
import type { Scenario } from '../scenario/schema.js';
import { loadSweep } from '../sweep/load.js';
import type { SweepPlan } from '../sweep/plan.js';
import { MAX_RUNS } from '../sweep/schema.js';
import { exitOnError, InputError } from './errors.js';
import { abortOnSignals, exitIfSignalled, intFlagProblems, pathFlagProblems, programName, scenarioArgument, stderrNotes, stoppingOnIoError } from './program.js';

const MAX_WORKERS = 1024;

/** The flags of a sweep-shaped command (sweep, decompose), beside its positional. */
export interface SweepLikeArgs {
  runs?: number;
  workers?: number;
  seed?: number;
  out?: string;
  shard?: string;
  resume: boolean;
  fresh: boolean;
  force: boolean;
  json: boolean;
  quiet: boolean;
  runner?: string;
}

interface SweepArgs extends SweepLikeArgs {
  sweep: string;
}

/** The flags of a sweep-shaped command; `say` words the ones whose meaning depends on the command. */
export function sweepLikeOptions(y: Argv, say: { runs: string; seed: string; out: string; shard: string; resume: string; json: string }): Argv {
  return y
    .option('runs', { type: 'number', describe: say.runs })
    .option('workers', { type: 'number', describe: 'worker threads (default: available cores, lowered to what fits in memory)' })
    .option('seed', { type: 'number', describe: say.seed })
    .option('out', { type: 'string', describe: say.out })
    .option('shard', { type: 'string', describe: say.shard })
    .option('resume', { type: 'boolean', default: false, describe: say.resume })
    .option('fresh', { type: 'boolean', default: false, describe: 'discard the runs stored in --out and start over' })
    .option('force', { type: 'boolean', default: false, describe: 'write into an --out directory lendsim did not make (files named like its own are replaced)' })
    .option('json', { type: 'boolean', default: false, describe: say.json })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress, table or notes on stderr' })
    .option('runner', { type: 'string', hidden: true, describe: 'module exporting runOne, used instead of the engine (testing)' });
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <sweep>',
  describe: 'run a sweep: a policy-vs-counterfactual Monte Carlo comparison at every point of a sweep file',
  builder: (y: Argv) =>
    sweepLikeOptions(y.positional('sweep', { type: 'string', demandOption: true, describe: 'sweep file (YAML or JSON; see lendsim schema --sweep)' }), {
      runs: 'Monte Carlo runs per arm at every point (default: the sweep\'s runs)',
      seed: 'seed of every point (default: the sweep\'s seed; also re-draws an lhs design)',
      out: 'output directory (default: output/<sweep name>)',
      shard: 'run only shard I of N (0-based, e.g. 2/4) into --out/shards/; then lendsim merge --out',
      resume: 'continue the sweep stored in --out (a finished one is only re-summarized)',
      json: 'print sweep.json on stdout (progress and logs on stderr only)',
    }) as never,
  handler: exitOnError(sweep),
};

/**
 * Before a sweep-shaped command runs: workers that fit in memory, the output directory claimed, the
 * program's name and the test runner's URL.
 */
export function prepareSweepLike(argv: SweepLikeArgs, plan: SweepPlan, note: (line: string) => void): { workers: number; outDir: string; program: string; runner: string | null } {
  const choice = chooseWorkers(argv.workers, availableParallelism(), largest(plan));
  if (choice.problem) throw new InputError(choice.problem);
  if (choice.note) note(choice.note);
  const outDir = argv.out ?? defaultOutDir(plan.name);
  prepareOutDir(outDir, argv.force);
  return { workers: choice.workers, outDir, program: programName(), runner: argv.runner ? pathToFileURL(resolve(argv.runner)).href : null };
}

/** The point whose runs need the most memory (the memory guard sizes workers by it). */
export function largest(plan: SweepPlan): Scenario {
  const size = (s: Scenario) => s.borrowers.count * (1 + s.borrowers.maxConcurrentLoans);
  return plan.points.reduce((a, p) => (size(p.scenario) > size(a) ? p.scenario : a), plan.points[0]!.scenario);
}

/** The command that continues (or makes a shard of) this sweep, with absolute paths so it works from anywhere. */
function sweepCommandLine(program: string, argv: SweepArgs, outDir: string, extra: readonly string[]): string {
  const args = ['sweep', resolve(argv.sweep),
    ...(argv.runs !== undefined ? ['--runs', String(argv.runs)] : []),
    ...(argv.seed !== undefined ? ['--seed', String(argv.seed)] : []),
    '--out', resolve(outDir), ...extra,
    ...(argv.runner ? ['--runner', resolve(argv.runner)] : [])];
  return [program, ...args.map(shellQuote)].join(' ');
}

/**
 * The flags a sweep-shaped command (sweep, decompose) shares, checked together: every problem, and the
 * parsed --shard. `file` is the positional's name; `jsonWithShard` what to say to --json with --shard.
 */
export function sweepFlagProblems(
  argv: { resume: boolean; fresh: boolean; json: boolean; shard?: string | undefined }, file: string, jsonWithShard: string,
): { problems: string[]; shard: ShardSpec | null } {
  const problems = [
    ...intFlagProblems(argv as unknown as Record<string, unknown>, { runs: [1, MAX_RUNS], workers: [1, MAX_WORKERS], seed: [0, 2 ** 32 - 1] }),
    ...pathFlagProblems(argv as unknown as Record<string, unknown>, ['out', file, 'runner', 'shard']),
  ];
  if (argv.resume && argv.fresh) problems.push('--resume and --fresh contradict each other: --resume continues the stored runs, --fresh discards them');
  let shard: ShardSpec | null = null;
  if (typeof argv.shard === 'string' && argv.shard.trim() !== '') {
    const parsed = parseShard(argv.shard);
    if (typeof parsed === 'string') problems.push(parsed);
    else shard = parsed;
    if (argv.json) problems.push(jsonWithShard);
  }
  return { problems, shard };
}

async function sweep(argv: SweepArgs): Promise<void> {
  const { problems, shard } = sweepFlagProblems(argv, 'sweep', '--json: a shard has no sweep.json to print; run every shard, then lendsim merge DIR --json');
  if (problems.length > 0) throw new InputError(problems);
  argv.sweep = scenarioArgument(argv.sweep);
  const note = stderrNotes(argv.quiet);

  const plan = loadSweep(argv.sweep, { ...(argv.runs !== undefined ? { runs: argv.runs } : {}), ...(argv.seed !== undefined ? { seed: argv.seed } : {}) });
  const { workers, outDir, program, runner } = prepareSweepLike(argv, plan, note);

  note(`${plan.name}: ${plan.points.length} points (${plan.design} over ${plan.fields.join(', ')}) x ${plan.runs} runs x 2 arms = ${plan.points.length * plan.runs * 2} runs${shard ? `; shard ${shard.index}/${shard.count} runs its share` : ''}`);
  const signals = abortOnSignals();
  const resume = sweepCommandLine(program, argv, outDir, ['--resume', ...(shard ? ['--shard', `${shard.index}/${shard.count}`] : [])]);
  try {
    const result = await stoppingOnIoError(() => runSweep({
      plan, outDir, mode: argv.resume ? 'resume' : argv.fresh ? 'fresh' : 'new', workers, runner,
      signal: signals.signal, log: note,
      command: [program, ...process.argv.slice(2).map(shellQuote)].join(' '),
      ...(shard ? { shard: { spec: shard, rerun: sweepCommandLine(program, argv, outDir, ['--resume']) } } : {}),
      ...(argv.quiet ? {} : { progress: (total: number, alreadyDone: number) => createProgress({ total, alreadyDone }) }),
    }), () => keptRuns(plan, outDir, shard), resume);
    if (result === null) return;
    await finishSweep(argv, plan, outDir, shard, result, resume, program, note, signals.signalled);
    exitIfSignalled(result.status === 'done' ? signals.signalled() : null, outDir, resume);
  } finally {
    signals.release();
  }
}

/** Runs stored so far and the total (a shard's share with --shard), for a failure's message. */
export function keptRuns(plan: SweepPlan, outDir: string, shard: ShardSpec | null): { stored: number; total: number; where: string } {
  const count = plan.points.length;
  const base = shard ? shardWorkDir(outDir, shard) : outDir;
  const dirs = plan.points.map((p) => join(base, pointSubdir(p.index, count)));
  const all = count * plan.runs * ARMS.length;
  return { stored: countStoredRuns(dirs), total: shard ? shardTaskCount(all, shard) : all, where: base };
}

/** What the sweep says once its runs are done (or failed, or interrupted), and its report. */
async function finishSweep(
  argv: SweepArgs, plan: SweepPlan, outDir: string, shard: ShardSpec | null, result: SweepRunResult, resume: string, program: string, note: (line: string) => void,
  signalled: () => NodeJS.Signals | null,
): Promise<void> {
  if (sweepNotDone(argv, plan, outDir, shard, result, resume, program, note, signalled)) return;
  if (argv.json) process.stdout.write(result.sweepJson ?? '');
  else process.stdout.write(`${outDir}\n`);
  if (!argv.quiet && result.result) printSweepTable(result.result, plan, note);
  note(`results in ${outDir}: ${result.files.map((f) => basename(f)).join(', ')}, points/ (${plan.points.length} run directories) (${result.computed} runs computed, ${result.wallSeconds.toFixed(1)} s)`);
  await sweepReport(plan, outDir, note);
}

/**
 * A sweep (or a decomposition's sweep) that did not finish, or ran one shard: say so on stderr (each
 * failed run with the command that reproduces it, the command that resumes), print the shard file,
 * set the exit code; true when it handled the outcome.
 */
export function sweepNotDone(
  argv: { runner?: string | undefined }, plan: SweepPlan, outDir: string, shard: ShardSpec | null, result: SweepRunResult, resume: string, program: string,
  note: (line: string) => void, signalled: () => NodeJS.Signals | null,
): boolean {
  if (result.status === 'interrupted') {
    process.stderr.write(`lendsim: interrupted: ${result.stored} of ${result.total} runs are stored in ${outDir}; continue with:\n  ${resume}\n`);
    process.exitCode = signalled() === 'SIGTERM' ? 143 : 130;
    return true;
  }
  if (result.status === 'failed') {
    for (const f of result.failures) {
      const point = plan.points[f.member]!;
      const values = Object.entries(point.values).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
      const what = f.kind === 'worker died' ? 'its worker thread died' : 'it threw';
      process.stderr.write(`lendsim: point ${f.member} (${values}), run ${f.runIndex} of arm ${f.arm} (seed ${f.seed}, run seed ${f.runSeed}) failed: ${what}: ${f.message}\n`);
      if (f.stack && f.kind === 'threw') process.stderr.write(`${f.stack.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
      const file = shard ? result.shard?.scenarioFiles?.[f.member] : join(pointDir(outDir, f.member, plan.points.length), 'scenario.json');
      if (file) {
        const args = ['run', file, '--only-run', String(f.runIndex), '--arm', f.arm, ...(argv.runner ? ['--runner', argv.runner] : [])];
        process.stderr.write(`  reproduce it alone (in this process, full stack):\n    ${[program, ...args.map(shellQuote)].join(' ')}\n`);
      }
    }
    process.stderr.write(`lendsim: ${result.stored} of ${result.total} runs are stored in ${outDir}; after a fix, continue with:\n  ${resume}\n`);
    process.exitCode = 1;
    return true;
  }

  if (result.shard) {
    const s = result.shard;
    process.stdout.write(`${s.file}\n`);
    note(s.alreadyComplete
      ? `shard ${shard!.index}/${shard!.count} was already complete: ${s.file}`
      : `shard ${shard!.index}/${shard!.count}: ${s.total} runs in ${s.file} (${s.computed} computed, ${result.wallSeconds.toFixed(1)} s); when all ${shard!.count} shards are in ${outDir}/shards: ${program} merge ${shellQuote(outDir)}`);
    return true;
  }
  return false;
}

/** The sweep's table on stderr, then a warning for points that change nothing (analysis/sweep/sameResults.ts). */
export function printSweepTable(result: SweepResult, plan: SweepPlan | null, note: (line: string) => void): void {
  process.stderr.write(`${sweepTable(result).join('\n')}\n\n`);
  for (const w of sameResultsNotes(result.fields, result.points, plan ? plan.points.map((p) => p.scenario.regimes) : [])) note(`warning: ${w}`);
}

/** The sweep's report.html, when the base scenario asks for one (`outputs.report`). */
export async function sweepReport(plan: SweepPlan, outDir: string, note: (line: string) => void): Promise<void> {
  if (!plan.points[0]?.scenario.outputs.report) return;
  const { buildSweepReport } = await import('../../analysis/report/sweepReport.js');
  const built = await buildSweepReport(outDir);
  note(`report: ${built.report}`);
}
