/**
 * `lendsim check FILE... [--print]`: validate scenario files and change nothing. A sweep file (one
 * with a top-level `sweep:`) is checked with its field paths and every point's scenario; `--print`
 * then prints its points (sim/sweep/load.ts printablePlan).
 *
 * Prints `ok FILE` for each valid file and, on stderr, every problem of every file at once (exit 2
 * if there is any). With `--print`, stdout carries only JSON (the `ok` lines go to stderr): for one
 * file, its resolved scenario (defaults filled, `extends` applied) as a JSON object; for several,
 * a JSON array of them in the order given. Nothing is printed on stdout when any file has a problem.
 */
import type { CommandModule } from 'yargs';
import { loadScenario } from '../scenario/load.js';
import { isSensitivityFile, loadSensitivity } from '../sensitivity/load.js';
import { isSweepFile, loadSweep, printablePlan } from '../sweep/load.js';
import { exitWithError, InputError } from './errors.js';
import { scenarioArgument } from './program.js';

interface CheckArgs {
  /** Never empty: `<files..>` makes yargs refuse a call without one. */
  files: string[] | undefined;
  print: boolean;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <files..>',
  describe: 'validate scenario or sweep files: print every problem of every file, change nothing',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'scenario or sweep files (YAML or JSON)' })
      .option('print', {
        type: 'boolean',
        default: false,
        describe: 'also print the resolved scenario (defaults filled) as JSON on stdout; several files: a JSON array',
      }),
  handler: ({ files, print }) => {
    const loaded: unknown[] = [];
    const problems: string[] = [];
    const ok = (line: string) => (print ? process.stderr : process.stdout).write(`${line}\n`);
    for (const given of files ?? []) {
      const file = scenarioArgument(given);
      try {
        // A sweep file (top-level `sweep:`) is checked with every point resolved against the scenario schema.
        // A sensitivity file (top-level `sensitivity:`) with its design expanded the same way.
        loaded.push(isSensitivityFile(file) ? printablePlan(loadSensitivity(file).sweep) : isSweepFile(file) ? printablePlan(loadSweep(file)) : loadScenario(file).scenario);
        ok(`ok ${file}`);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        problems.push(...err.problems);
      }
    }
    if (problems.length > 0) exitWithError(new InputError(problems));
    if (print) {
      const out = loaded.length === 1 ? loaded[0] : loaded;
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    }
  },
};
