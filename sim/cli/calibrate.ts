/**
 * `lendsim calibrate FILE`: fit the file's free parameters to its targets (sim/calibrate/calibrate.ts:
 * the loss, Nelder-Mead, common random numbers); writes DIR/calibration.json
 * (`{calibrate, runs, seed, budget, fitted, loss, path, targets}`) and DIR/fitted.yaml (a scenario that
 * extends the base with the fitted values). stdout: the directory, or calibration.json with --json;
 * progress (one line per experiment) on stderr. Exit codes: 0 done, 1 an experiment failed, 2 bad input.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { stringify } from 'yaml';
import { formatJson } from '../../analysis/stats/json.js';
import { calibrate, fittedYaml, loadCalibration } from '../calibrate/calibrate.js';
import { atomicWrite } from '../run/atomicWrite.js';
import { chooseWorkers } from '../run/memoryGuard.js';
import { defaultOutDir, prepareOutDir } from '../run/outDir.js';
import { exitOnError, InputError } from './errors.js';
import { intFlagProblems, pathFlagProblems, scenarioArgument, stderrNotes } from './program.js';
import { MAX_RUNS } from '../sweep/schema.js';

interface CalibrateArgs {
  file: string;
  runs?: number;
  workers?: number;
  seed?: number;
  out?: string;
  force: boolean;
  json: boolean;
  quiet: boolean;
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate <file>',
  describe: 'fit free parameters to targets (facts or metric values) by Nelder-Mead over common-random-number experiments',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'calibration file (YAML or JSON): base, parameters {path: {min, max}}, targets, budget, runs' })
      .option('runs', { type: 'number', describe: 'Monte Carlo runs per arm of every experiment (default: the file\'s runs)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: available cores, lowered to what fits in memory)' })
      .option('seed', { type: 'number', describe: 'seed of every experiment (default: the file\'s seed)' })
      .option('out', { type: 'string', describe: 'output directory (default: output/<calibrate name>)' })
      .option('force', { type: 'boolean', default: false, describe: 'write into an --out directory lendsim did not make' })
      .option('json', { type: 'boolean', default: false, describe: 'print calibration.json on stdout' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress or notes on stderr' }) as never,
  handler: exitOnError(calibrateCli),
};

async function calibrateCli(argv: CalibrateArgs): Promise<void> {
  const problems = [
    ...intFlagProblems(argv as unknown as Record<string, unknown>, { runs: [1, MAX_RUNS], workers: [1, 1024], seed: [0, 2 ** 32 - 1] }),
    ...pathFlagProblems(argv as unknown as Record<string, unknown>, ['out', 'file']),
  ];
  if (problems.length > 0) throw new InputError(problems);
  const file = scenarioArgument(argv.file);
  const note = stderrNotes(argv.quiet);
  const plan = loadCalibration(file, { ...(argv.runs !== undefined ? { runs: argv.runs } : {}), ...(argv.seed !== undefined ? { seed: argv.seed } : {}) });
  const choice = chooseWorkers(argv.workers, availableParallelism(), plan.fixed);
  if (choice.problem) throw new InputError(choice.problem);
  const outDir = argv.out ?? defaultOutDir(plan.name);
  prepareOutDir(outDir, argv.force);
  note(`${plan.name}: Nelder-Mead over ${plan.parameters.map((p) => p.path).join(', ')}, ${plan.targets.length} targets, at most ${plan.budget} experiments of ${plan.runs} runs (seed ${plan.seed})`);
  let result;
  try {
    result = await calibrate(plan, { workers: choice.workers }, (n, loss) => note(`experiment ${n}/${plan.budget}: loss ${loss.toPrecision(4)}`));
  } catch (err) {
    process.stderr.write(`lendsim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
    return;
  }
  const json = formatJson(result);
  atomicWrite(join(outDir, 'calibration.json'), json);
  atomicWrite(join(outDir, 'fitted.yaml'), fittedYaml(plan, result, stringify));
  process.stdout.write(argv.json ? json : `${outDir}\n`);
  note(`fitted ${Object.entries(result.fitted).map(([k, v]) => `${k} = ${v}`).join(', ')}; loss ${result.loss.toPrecision(4)}; results in ${outDir}: calibration.json, fitted.yaml`);
}
