/**
 * `lendsim decompose [SCENARIO]`: each rule component's exact Shapley share of every effect
 * (sim/run/decompose.ts). Every on/off combination of the components runs as one sweep (one pool,
 * common random numbers, --resume, --shard I/N then `lendsim merge DIR` and `lendsim decompose
 * SCENARIO --out DIR --resume` to write the decomposition); writes DIR/decompose.json, decompose.csv
 * and, when the scenario asks for a report, decompose.html with charts/decompose.{svg,csv}.
 *
 * stdout carries only the result: the output directory (the shard file with --shard), or
 * decompose.json with --json. The shares of the headline metrics, progress and notes go to stderr.
 * Exit codes as `lendsim run`: 0 done, 1 a run failed, 2 bad input, 130/143 interrupted.
 */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { DecomposeResult } from '../../analysis/decompose/outputs.js';
import { DECOMPOSE_METRICS } from '../../analysis/report/charts/decompose.js';
import { runDecompose, decomposePlan, effectiveComponents, parseComponents } from '../run/decompose.js';
import { shellQuote } from '../run/reproduce.js';
import { loadScenario } from '../scenario/load.js';
import { isSweepFile } from '../sweep/load.js';
import { exitOnError, InputError } from './errors.js';
import { scenarioArgument, stderrNotes } from './program.js';
import { sweepFlagProblems, sweepLikeOptions, type SweepLikeArgs } from './sweep.js';
import { runSweepLike } from './sweepLike.js';

interface DecomposeArgs extends SweepLikeArgs {
  scenario?: string;
  component?: string[];
}

export const decomposeCommand: CommandModule<object, DecomposeArgs> = {
  command: 'decompose [scenario]',
  describe: "split the rule's effects into each component's exact Shapley share (every on/off combination, common random numbers)",
  builder: (y: Argv) =>
    sweepLikeOptions(
      y
        .positional('scenario', { type: 'string', describe: 'scenario file (YAML or JSON) [default: the shipped scenarios/china-2025.yaml]' })
        .option('component', { type: 'string', array: true, describe: 'a component NAME=FIELD[,FIELD...] of regime fields switched together (repeat; default: listCost, ownRiskControl, feesInsideCap (with comprehensiveCap), guarantees, outerCap)' }),
      {
        runs: 'Monte Carlo runs per arm in every combination (default: the scenario\'s runs)',
        seed: 'seed of every combination (default: the scenario\'s seed)',
        out: 'output directory (default: output/<scenario name>-decompose)',
        shard: 'run only shard I of N (0-based, e.g. 2/4) into --out/shards/; then lendsim merge --out, then decompose --resume',
        resume: 'continue the decomposition stored in --out (a finished one is only re-summarized)',
        json: 'print decompose.json on stdout (progress and logs on stderr only)',
      },
    ) as never,
  handler: exitOnError(decomposeCli),
};

function commandLine(program: string, argv: DecomposeArgs, outDir: string, extra: readonly string[]): string {
  const args = ['decompose', resolve(argv.scenario!),
    ...(argv.component ?? []).flatMap((c) => ['--component', c]),
    ...(argv.runs !== undefined ? ['--runs', String(argv.runs)] : []),
    ...(argv.seed !== undefined ? ['--seed', String(argv.seed)] : []),
    '--out', resolve(outDir), ...extra,
    ...(argv.runner ? ['--runner', resolve(argv.runner)] : [])];
  return [program, ...args.map(shellQuote)].join(' ');
}

async function decomposeCli(argv: DecomposeArgs): Promise<void> {
  const { problems, shard } = sweepFlagProblems(argv, 'scenario', '--json: a shard has no decompose.json to print; run every shard, lendsim merge DIR, then lendsim decompose SCENARIO --out DIR --resume --json');
  let named: ReturnType<typeof parseComponents> = {};
  try {
    named = parseComponents(argv.component ?? []);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0) throw new InputError(problems);
  argv.scenario = scenarioArgument(argv.scenario);
  const note = stderrNotes(argv.quiet);
  if (isSweepFile(argv.scenario)) throw new InputError(`${argv.scenario}: is a sweep file (it has \`sweep:\`); decompose takes a scenario`);
  const loaded = loadScenario(argv.scenario);
  const scenario = { ...loaded.scenario, runs: argv.runs ?? loaded.scenario.runs, seed: argv.seed ?? loaded.scenario.seed };
  const components = effectiveComponents(scenario, named);
  const plan = decomposePlan(scenario, components, { file: loaded.files[0] ?? null, fileHash: loaded.hash, files: loaded.files });

  const names = Object.keys(components);
  await runSweepLike({
    argv, plan, shard, note, output: 'decompose.json',
    describe: `${scenario.name}: ${names.length} components (${names.join(', ')}), ${plan.points.length} combinations`,
    commandLine: (program, outDir, extra) => commandLine(program, argv, outDir, extra),
    run: (options) => runDecompose({ ...options, plan, components }),
    finish: async (result, outDir) => {
      const d = result.decompose!;
      if (argv.json) process.stdout.write(`${JSON.stringify(d)}\n`);
      else process.stdout.write(`${outDir}\n`);
      if (!argv.quiet) process.stderr.write(`${decomposeTable(d).join('\n')}\n\n`);
      if (!scenario.outputs.report) return [];
      const { buildDecomposeReport } = await import('../../analysis/report/decomposeReport.js');
      return buildDecomposeReport(outDir);
    },
  });
}

/** The headline metrics' shares as a text table (mean [95% interval]). */
export function decomposeTable(d: DecomposeResult): string[] {
  const fmt = (x: number | null | undefined) => (typeof x === 'number' ? Number(x.toPrecision(3)).toString() : 'n/a');
  const cell = (s: DecomposeResult['effects'][string]['total']) => `${fmt(s.mean)} [${fmt(s.ci95?.[0])}, ${fmt(s.ci95?.[1])}]`;
  const metrics = DECOMPOSE_METRICS.map((m) => m.metric).filter((m) => d.effects[m]);
  const rows = [['component', ...metrics], ...d.components.map((c) => [c, ...metrics.map((m) => cell(d.effects[m]!.shares[c]!))]), ['whole effect', ...metrics.map((m) => cell(d.effects[m]!.total))]];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return [`Shapley shares of the rule's effect at the end (mean [95% interval], ${d.runs} paired runs):`, ...rows.map((r) => r.map((c, j) => c.padEnd(widths[j]!)).join('  '))];
}
