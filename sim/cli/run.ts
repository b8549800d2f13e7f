/**
 * `lendsim run [SCENARIO]`: one experiment, the policy arm against the counterfactual, Monte Carlo
 * across worker threads; writes summary.json, runs.csv, timeseries.csv, distributions.json,
 * manifest.json, report.html and charts/ into --out (CONTRACT.md). stdout carries only the result:
 * the summary with --json, else the output directory. Progress, notes, the report's path (last) and
 * errors go to stderr (nothing but errors with --quiet).
 *
 * An output directory that already holds stored runs is never silently mixed with a new
 * experiment: without --resume it is refused (exit 2) with the choices spelled out: --resume
 * continues it (re-summarizes a finished one), --fresh discards its runs and starts over (the old
 * result files stay until the new ones are complete), --out picks another directory.
 *
 * Exit codes: 0 done; 1 a run failed (each failure printed with a command that reproduces it alone;
 * the finished runs stay stored for --resume); 2 bad input; 130/143 interrupted (SIGINT/SIGTERM),
 * with the command that resumes.
 */
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { snapshotWindows, windowMean } from '../../analysis/stats/windows.js';
import { METRIC_COUNT, METRIC_NAMES } from '../model/metricNames.js';
import { namedBankIds, pack } from '../model/pack.js';
import { ARMS, type Arm, type RunResult } from '../model/result.js';
import { runExperiment, type ExperimentResult } from '../run/experiment.js';
import { chooseWorkers } from '../run/memoryGuard.js';
import { defaultOutDir, prepareOutDir } from '../run/outDir.js';
import { countStoredRuns } from '../run/store.js';
import { createProgress } from '../run/progress.js';
import { reproduceCommand, resumeCommand, shellQuote, type CommandParts } from '../run/reproduce.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { exitOnError, InputError } from './errors.js';
import { abortOnSignals, exitIfSignalled, intFlagProblems, pathFlagProblems, programName, scenarioArgument, stderrNotes, stoppingOnIoError } from './program.js';
import { runExperimentShard } from './runShard.js';
import { isSweepFile } from '../sweep/load.js';

const MAX_RUNS = 100_000;
const MAX_WORKERS = 1024;

interface RunArgs {
  scenario?: string;
  runs?: number;
  workers?: number;
  seed?: number;
  out?: string;
  resume: boolean;
  fresh: boolean;
  force: boolean;
  json: boolean;
  quiet: boolean;
  onlyRun?: number;
  arm?: string;
  runner?: string;
  shard?: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [scenario]',
  describe: 'run one experiment (policy arm vs counterfactual, Monte Carlo) and write its results',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', describe: 'scenario file (YAML or JSON); a bare name of a shipped scenario (china-2025.yaml, small.yaml) is the shipped file when none stands here [default: the shipped scenarios/china-2025.yaml]' })
      .option('runs', { type: 'number', describe: 'Monte Carlo runs per arm (default: the scenario\'s runs)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: available cores, lowered to what fits in memory)' })
      .option('seed', { type: 'number', describe: 'seed (default: the scenario\'s seed)' })
      .option('out', { type: 'string', describe: 'output directory (default: output/<scenario name>)' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue the experiment stored in --out (a finished one is only re-summarized)' })
      .option('fresh', { type: 'boolean', default: false, describe: 'discard the runs stored in --out and start over' })
      .option('force', { type: 'boolean', default: false, describe: 'write into an --out directory lendsim did not make (files named like its own are replaced)' })
      .option('shard', { type: 'string', describe: 'run only shard I of N (0-based, e.g. 2/4) into --out/shards/; then lendsim merge --out' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json on stdout (progress and logs on stderr only)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress or notes on stderr' })
      .option('only-run', { type: 'number', describe: 'run only this run index, in this process, and print its end snapshot as JSON (reproduces a failed run)' })
      .option('arm', { type: 'string', choices: ARMS as unknown as string[], describe: 'with --only-run: only this arm' })
      .option('runner', { type: 'string', hidden: true, describe: 'module exporting runOne, used instead of the engine (testing)' }) as never,
  handler: exitOnError(run),
};

/** The CLI's flags, checked together so every problem is reported at once. */
function checkFlags(argv: RunArgs): string[] {
  const flags = { ...argv, 'only-run': argv.onlyRun } as unknown as Record<string, unknown>;
  const problems = [
    ...intFlagProblems(flags, { runs: [1, MAX_RUNS], workers: [1, MAX_WORKERS], seed: [0, 2 ** 32 - 1], 'only-run': [0, MAX_RUNS - 1] }),
    ...pathFlagProblems(flags, ['out', 'scenario', 'runner']),
  ];
  if (argv.resume && argv.fresh) problems.push('--resume and --fresh contradict each other: --resume continues the stored runs, --fresh discards them');
  if (argv.arm !== undefined && argv.onlyRun === undefined) problems.push('--arm: only used with --only-run I (to reproduce one run)');
  if (argv.shard !== undefined && argv.onlyRun !== undefined) problems.push('--shard and --only-run contradict each other: --only-run runs one run here, --shard a share of all of them');
  return problems;
}

async function run(argv: RunArgs): Promise<void> {
  const problems = checkFlags(argv);
  if (problems.length > 0) throw new InputError(problems);
  argv.scenario = scenarioArgument(argv.scenario);
  const stderr = stderrNotes(argv.quiet);

  if (isSweepFile(argv.scenario)) throw new InputError(`${argv.scenario}: is a sweep file (it has \`sweep:\`): run it with lendsim sweep ${argv.scenario}`);
  const loaded = loadScenario(argv.scenario);
  const scenario: Scenario = { ...loaded.scenario, runs: argv.runs ?? loaded.scenario.runs, seed: argv.seed ?? loaded.scenario.seed };
  const runner = argv.runner ? pathToFileURL(resolve(argv.runner)).href : null;
  const parts: CommandParts = {
    program: programName(), scenarioFile: argv.scenario, seed: scenario.seed, runs: scenario.runs,
    extra: argv.runner ? ['--runner', argv.runner] : [],
  };

  if (argv.onlyRun !== undefined) {
    if (argv.onlyRun >= scenario.runs) throw new InputError(`--only-run: expected a run index from 0 to ${scenario.runs - 1} (runs is ${scenario.runs}), received ${argv.onlyRun}`);
    await runAlone(scenario, argv.onlyRun, argv.arm as Arm | undefined, runner);
    return;
  }

  const choice = chooseWorkers(argv.workers, availableParallelism(), scenario);
  if (choice.problem) throw new InputError(choice.problem);
  if (choice.note) stderr(choice.note);

  const outDir = argv.out ?? defaultOutDir(scenario.name);
  prepareOutDir(outDir, argv.force);

  if (argv.shard !== undefined) {
    await runExperimentShard({
      shard: argv.shard, scenarioFile: argv.scenario, loaded, scenario, runsFlag: argv.runs, seedFlag: argv.seed, outDir,
      mode: argv.resume ? 'resume' : argv.fresh ? 'fresh' : 'new', workers: choice.workers, runner, runnerPath: argv.runner, json: argv.json, quiet: argv.quiet,
    });
    return;
  }

  const signals = abortOnSignals();
  const resume = resumeCommand(parts, outDir, argv.workers);
  let result: ExperimentResult | null;
  try {
    result = await stoppingOnIoError(() => runExperiment({
      scenario,
      outDir,
      mode: argv.resume ? 'resume' : argv.fresh ? 'fresh' : 'new',
      workers: choice.workers,
      runner,
      signal: signals.signal,
      log: stderr,
      ...(argv.quiet ? {} : { progress: (total: number, alreadyDone: number) => createProgress({ total, alreadyDone }) }),
      provenance: {
        command: [parts.program, ...process.argv.slice(2).map(shellQuote)].join(' '),
        scenarioFile: argv.scenario ?? null,
        scenarioFileHash: loaded.hash,
        files: loaded.files,
      },
    }), () => ({ stored: countStoredRuns([outDir]), total: scenario.runs * ARMS.length, where: outDir }), resume);
  } finally {
    signals.release();
  }
  if (result === null) return;

  if (result.status === 'interrupted') {
    process.stderr.write(`lendsim: interrupted: ${result.stored} of ${result.total} runs are stored in ${outDir}; continue with:\n  ${resume}\n`);
    process.exitCode = signals.signalled() === 'SIGTERM' ? 143 : 130;
    return;
  }
  if (result.status === 'failed') {
    for (const f of result.failures) {
      const what = f.kind === 'worker died' ? 'its worker thread died' : 'it threw';
      process.stderr.write(`lendsim: run ${f.runIndex} of arm ${f.arm} (seed ${f.seed}, run seed ${f.runSeed}) failed: ${what}: ${f.message}\n`);
      if (f.stack && f.kind === 'threw') process.stderr.write(`${indent(f.stack)}\n`);
      process.stderr.write(`  reproduce it alone (in this process, full stack):\n    ${reproduceCommand(parts, f.runIndex, f.arm)}\n`);
    }
    process.stderr.write(`lendsim: ${result.stored} of ${result.total} runs are stored in ${outDir}; after a fix, continue with:\n  ${resume}\n`);
    process.exitCode = 1;
    return;
  }

  if (exitIfSignalled(signals.signalled(), outDir, resume)) return;
  if (argv.json) process.stdout.write(result.summaryJson ?? '');
  else process.stdout.write(`${outDir}\n`);
  const results = result.files.filter((f) => basename(dirname(f)) !== 'charts').map((f) => basename(f));
  const charts = result.files.length - results.length;
  stderr(`results in ${outDir}: ${results.join(', ')}${charts > 0 ? `, charts/ (${charts} files)` : ''} (${result.computed} runs computed, ${result.wallSeconds.toFixed(1)} s)`);
  // Last, so a terminal ends on it: the page to open (stdout stays the directory, for scripts).
  if (result.report) stderr(`report: ${result.report}`);
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

/** --only-run: run one run index (one or both arms) here, not in a worker, and print its end snapshot. */
async function runAlone(scenario: Scenario, runIndex: number, arm: Arm | undefined, runner: string | null): Promise<void> {
  const mod = (runner ? await import(runner) : await import('../model/run.js')) as { runOne?: (s: Scenario, a: Arm, i: number) => RunResult };
  if (typeof mod.runOne !== 'function') throw new InputError(`--runner ${runner}: exports no runOne function`);
  const windows = snapshotWindows(scenario.months, scenario.ruleStartMonth);
  const out: unknown[] = [];
  for (const a of arm ? [arm] : ARMS) {
    const t0 = performance.now();
    const result = mod.runOne(scenario, a, runIndex);
    pack(result, namedBankIds(scenario)); // the same checks a worker makes
    const end: Record<string, number | null> = {};
    METRIC_NAMES.forEach((name, k) => {
      const v = windowMean(result.series, METRIC_COUNT, k, windows.end);
      end[name] = Number.isFinite(v) ? v : null;
    });
    out.push({ arm: a, runIndex, seed: result.seed, months: result.months, seconds: Math.round(performance.now() - t0) / 1000, end });
  }
  process.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out, null, 2)}\n`);
}
