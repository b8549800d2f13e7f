/**
 * `lendsim sensitivity FILE`: global sensitivity of the rule's effects to chosen parameters (Morris
 * elementary effects or Sobol' indices with Saltelli sampling, bootstrap intervals), every point of
 * the design a paired Monte Carlo comparison with the same seed (common random numbers), run as one
 * sweep (sim/run/sensitivity.ts): --resume, --shard I/N then `lendsim merge DIR` and
 * `lendsim sensitivity FILE --out DIR --resume`. Writes DIR/sensitivity.json and sensitivity.csv.
 *
 * stdout: the output directory, or sensitivity.json with --json; the table, progress and notes on
 * stderr. Exit codes as `lendsim run`: 0 done, 1 a run failed, 2 bad input, 130/143 interrupted.
 */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { formatJson } from '../../analysis/stats/json.js';
import { shellQuote } from '../run/reproduce.js';
import { runSensitivity, type SensitivityResult } from '../run/sensitivity.js';
import { loadSensitivity } from '../sensitivity/load.js';
import { exitOnError, InputError } from './errors.js';
import { scenarioArgument, stderrNotes } from './program.js';
import { sweepFlagProblems, sweepLikeOptions, type SweepLikeArgs } from './sweep.js';
import { runSweepLike } from './sweepLike.js';

interface SensitivityArgs extends SweepLikeArgs {
  file: string;
}

export const sensitivityCommand: CommandModule<object, SensitivityArgs> = {
  command: 'sensitivity <file>',
  describe: "global sensitivity of the rule's effects to parameters (Morris mu*, sigma; Sobol' S1, ST with Saltelli sampling), common random numbers",
  builder: (y: Argv) =>
    sweepLikeOptions(y.positional('file', { type: 'string', demandOption: true, describe: 'sensitivity file (YAML or JSON): base, parameters {path: {min, max}}, method, samples, runs, metrics' }), {
      runs: 'Monte Carlo runs per arm at every point (default: the file\'s runs)',
      seed: 'seed of every point and of the design (default: the file\'s seed)',
      out: 'output directory (default: output/<sensitivity name>)',
      shard: 'run only shard I of N (0-based, e.g. 2/4) into --out/shards/; then lendsim merge --out, then sensitivity --resume',
      resume: 'continue the analysis stored in --out (a finished one is only re-summarized)',
      json: 'print sensitivity.json on stdout (progress and logs on stderr only)',
    }) as never,
  handler: exitOnError(sensitivityCli),
};

async function sensitivityCli(argv: SensitivityArgs): Promise<void> {
  const { problems, shard } = sweepFlagProblems(argv, 'file', '--json: a shard has no sensitivity.json to print; run every shard, lendsim merge DIR, then lendsim sensitivity FILE --out DIR --resume --json');
  if (problems.length > 0) throw new InputError(problems);
  argv.file = scenarioArgument(argv.file);
  const note = stderrNotes(argv.quiet);
  const plan = loadSensitivity(argv.file, { ...(argv.runs !== undefined ? { runs: argv.runs } : {}), ...(argv.seed !== undefined ? { seed: argv.seed } : {}) });
  const commandLine = (program: string, outDir: string, extra: readonly string[]) => {
    const args = ['sensitivity', resolve(argv.file), ...(argv.runs !== undefined ? ['--runs', String(argv.runs)] : []), ...(argv.seed !== undefined ? ['--seed', String(argv.seed)] : []),
      '--out', resolve(outDir), ...extra, ...(argv.runner ? ['--runner', resolve(argv.runner)] : [])];
    return [program, ...args.map(shellQuote)].join(' ');
  };
  await runSweepLike({
    argv, plan: plan.sweep, shard, note, output: 'sensitivity.json', commandLine,
    describe: `${plan.name}: ${plan.method} over ${plan.parameters.map((p) => p.path).join(', ')} (${plan.samples} ${plan.method === 'morris' ? 'trajectories' : 'base samples'})`,
    run: (options) => runSensitivity({ ...options, plan }),
    finish: async (result, outDir) => {
      const s = result.sensitivity!;
      if (argv.json) process.stdout.write(formatJson(s));
      else process.stdout.write(`${outDir}\n`);
      if (!argv.quiet) process.stderr.write(`${sensitivityTable(s).join('\n')}\n\n`);
      return [];
    },
  });
}

/** The indices as a text table: one row per (metric, parameter). */
export function sensitivityTable(s: SensitivityResult): string[] {
  const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : 'n/a');
  const head = s.method === 'morris' ? ['metric', 'parameter', 'mu*', '+-', 'mu', 'sigma'] : ['metric', 'parameter', 'S1', '+-', 'ST', '+-'];
  const rows = [head];
  for (const [metric, by] of Object.entries(s.indices)) {
    for (const [param, i] of Object.entries(by)) {
      rows.push('muStar' in i ? [metric, param, fmt(i.muStar), fmt(i.muStarConf), fmt(i.mu), fmt(i.sigma)] : [metric, param, fmt(i.S1), fmt(i.S1Conf), fmt(i.ST), fmt(i.STConf)]);
    }
  }
  const widths = head.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return [`${s.method === 'morris' ? 'Morris elementary effects (unit scale: change of the effect over the whole range)' : "Sobol' indices"} of the rule's effect at the end, ${s.points} points x ${s.runs} runs, 95% bootstrap half-widths:`,
    ...rows.map((r) => r.map((c, j) => c.padEnd(widths[j]!)).join('  '))];
}
