/**
 * `lendsim run SCENARIO --shard I/N`: run shard I of N of the experiment's runs (by task index:
 * runIndex * 2 + arm, `task % N === I`) and write DIR/shards/shard-I-of-N.lss; `lendsim merge DIR`
 * then writes the files one machine would have. Called from run.ts once the scenario is loaded.
 * stdout: the shard file; notes on stderr.
 */
import { resolve } from 'node:path';
import { scenarioHash } from '../run/hash.js';
import { createProgress } from '../run/progress.js';
import { shellQuote } from '../run/reproduce.js';
import { runShard } from '../run/shardRun.js';
import { parseShard, shardTaskCount, shardWorkDir } from '../run/shards.js';
import { countStoredRuns, type StoreMode } from '../run/store.js';
import { ARMS } from '../model/result.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { InputError } from './errors.js';
import { abortOnSignals, programName, stderrNotes, stoppingOnIoError } from './program.js';

export interface RunShardArgs {
  /** --shard as given. */
  shard: string;
  scenarioFile: string;
  loaded: LoadedScenario;
  /** The scenario with --runs and --seed applied. */
  scenario: Scenario;
  /** --runs / --seed as given (for the command that makes the other shards). */
  runsFlag?: number | undefined;
  seedFlag?: number | undefined;
  outDir: string;
  mode: StoreMode;
  workers: number;
  /** The runner's URL, and its path as given. */
  runner: string | null;
  runnerPath?: string | undefined;
  json: boolean;
  quiet: boolean;
}

export async function runExperimentShard(args: RunShardArgs): Promise<void> {
  const spec = parseShard(String(args.shard));
  const problems: string[] = [];
  if (typeof spec === 'string') problems.push(spec);
  if (args.json) problems.push('--json: a shard has no summary to print; run every shard, then lendsim merge DIR --json');
  if (problems.length > 0 || typeof spec === 'string') throw new InputError(problems);
  const note = stderrNotes(args.quiet);
  const program = programName();
  const make = (extra: readonly string[]) =>
    [program, ...['run', resolve(args.scenarioFile),
      ...(args.runsFlag !== undefined ? ['--runs', String(args.runsFlag)] : []),
      ...(args.seedFlag !== undefined ? ['--seed', String(args.seedFlag)] : []),
      '--out', resolve(args.outDir), ...extra,
      ...(args.runnerPath ? ['--runner', resolve(args.runnerPath)] : [])].map(shellQuote)].join(' ');

  const signals = abortOnSignals();
  const resume = make(['--resume', '--shard', `${spec.index}/${spec.count}`]);
  let outcome;
  try {
    const work = shardWorkDir(args.outDir, spec);
    outcome = await stoppingOnIoError(() => runShard({
      outDir: args.outDir, spec, kind: 'run', name: args.scenario.name, hash: scenarioHash(args.scenario),
      members: [{ scenario: args.scenario, subdir: '' }],
      command: make(['--resume']),
      source: { file: resolve(args.scenarioFile), fileHash: args.loaded.hash, files: args.loaded.files },
      plan: { scenario: args.scenario },
      mode: args.mode, workers: args.workers, runner: args.runner, signal: signals.signal, log: note,
      ...(args.quiet ? {} : { progress: (total: number, alreadyDone: number) => createProgress({ total, alreadyDone }) }),
    }), () => ({ stored: countStoredRuns([work]), total: shardTaskCount(args.scenario.runs * ARMS.length, spec), where: work }), resume);
  } finally {
    signals.release();
  }
  if (outcome === null) return;
  if (outcome.status === 'interrupted') {
    process.stderr.write(`lendsim: interrupted: ${outcome.stored} of ${outcome.total} runs of shard ${spec.index}/${spec.count} are stored; continue with:\n  ${resume}\n`);
    process.exitCode = signals.signalled() === 'SIGTERM' ? 143 : 130;
    return;
  }
  if (outcome.status === 'failed') {
    for (const f of outcome.failures) {
      process.stderr.write(`lendsim: run ${f.runIndex} of arm ${f.arm} (seed ${f.seed}, run seed ${f.runSeed}) failed: ${f.kind === 'worker died' ? 'its worker thread died' : 'it threw'}: ${f.message}\n`);
      if (f.stack && f.kind === 'threw') process.stderr.write(`${f.stack.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
      const alone = [program, ...['run', args.scenarioFile, '--seed', String(args.scenario.seed), '--runs', String(args.scenario.runs), '--only-run', String(f.runIndex), '--arm', f.arm].map(shellQuote)].join(' ');
      process.stderr.write(`  reproduce it alone (in this process, full stack):\n    ${alone}\n`);
    }
    process.stderr.write(`lendsim: ${outcome.stored} of ${outcome.total} runs of shard ${spec.index}/${spec.count} are stored; after a fix, continue with:\n  ${resume}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${outcome.file}\n`);
  note(outcome.alreadyComplete
    ? `shard ${spec.index}/${spec.count} was already complete: ${outcome.file}`
    : `shard ${spec.index}/${spec.count}: ${outcome.total} runs in ${outcome.file} (${outcome.computed} computed); when all ${spec.count} shards are in ${args.outDir}/shards: ${program} merge ${shellQuote(args.outDir)}`);
}
