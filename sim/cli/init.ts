/**
 * `lendsim init [DIR]`: copy the shipped scenario and sweep files into DIR (default: here) as a
 * starting point. Each copy's first line is a yaml-language-server modeline pointing editors at the
 * JSON Schema in the installed package, so completion and checking work without copying the schema.
 * Files already in DIR are never overwritten unless --force; the copies' `extends:`/`base:` names
 * resolve to each other (they are copied together) or, if deleted, to the shipped files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandModule } from 'yargs';
import { shippedScenariosDir } from '../scenario/shipped.js';
import { exitOnError, InputError } from './errors.js';
import { programName } from './program.js';

interface InitArgs {
  dir: string;
  force: boolean;
  quiet: boolean;
}

const MODELINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [dir]',
  describe: 'copy the shipped scenarios and sweep files into DIR (default: here) as a starting point',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', default: '.', describe: 'directory to copy them into (made if missing)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite files of the same name in DIR' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no notes on stderr' }) as never,
  handler: exitOnError(async (argv: InitArgs) => {
    const written = initScenarios(String(argv.dir), argv.force);
    process.stdout.write(`${written.map((f) => `${f}\n`).join('')}`);
    if (!argv.quiet) {
      process.stderr.write(`lendsim: ${written.length} files in ${resolve(String(argv.dir))}; try \`${programName()} run ${join(String(argv.dir), 'small.yaml')}\` (seconds) or edit a copy (\`extends: china-2025.yaml\` names only what it changes)\n`);
    }
  }),
};

/** The shipped YAML files, copied into `dir` with their modeline made absolute; returns the paths written. */
export function initScenarios(dir: string, force: boolean): string[] {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`${dir}: expected a directory, found a file`);
  const shipped = shippedScenariosDir();
  const names = readdirSync(shipped).filter((f) => f.endsWith('.yaml')).sort();
  const clashes = names.filter((n) => existsSync(join(dir, n)));
  if (clashes.length > 0 && !force) {
    throw new InputError(clashes.map((n) => `${join(dir, n)}: already exists; lendsim init never overwrites a file (--force does, or choose another DIR)`));
  }
  mkdirSync(dir, { recursive: true });
  return names.map((name) => {
    const lines = readFileSync(join(shipped, name), 'utf8').split('\n');
    const m = MODELINE.exec(lines[0] ?? '');
    const schema = pathToFileURL(join(shipped, m ? m[1]! : 'scenario.schema.json')).href;
    const modeline = `# yaml-language-server: $schema=${schema}`;
    // A file with no schema of its own (a sensitivity file) gets no modeline: the scenario schema would flag it.
    const text = m ? [modeline, ...lines.slice(1)].join('\n') : /^sensitivity:/m.test(lines.join('\n')) ? lines.join('\n') : [modeline, ...lines].join('\n');
    const out = join(dir, name);
    writeFileSync(out, text);
    return out;
  });
}
