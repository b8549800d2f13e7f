/**
 * `lendsim merge DIR`: combine the shard files in DIR/shards/ (made by `lendsim run|sweep --shard I/N
 * --out DIR` on any machines) into exactly the files one machine would have written in DIR:
 * summary.json (or sweep.json) byte for byte, and the other outputs (sim/run/shardMerge.ts).
 * Shards that do not belong together, a missing shard (named, with the command that makes it) or a
 * damaged file are refused with exit 2, before anything is written.
 *
 * stdout: DIR, or summary.json / sweep.json with --json; notes on stderr.
 */
import { basename } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { prepareOutDir } from '../run/outDir.js';
import { shellQuote } from '../run/reproduce.js';
import { mergeShards } from '../run/shardMerge.js';
import { exitOnError } from './errors.js';
import { existingDir, programName, stderrNotes } from './program.js';
import { printSweepTable, sweepReport } from './sweep.js';

interface MergeArgs {
  dir: string;
  json: boolean;
  quiet: boolean;
  force: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dir>',
  describe: 'combine DIR/shards/* into the same files one machine would have written',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'the --out directory the shards were run with' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json (or sweep.json) on stdout' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no notes on stderr' })
      .option('force', { type: 'boolean', default: false, describe: 'merge into a DIR that holds files lendsim did not write, or the results of another experiment (they are replaced)' }) as never,
  handler: exitOnError(merge),
};

async function merge(argv: MergeArgs): Promise<void> {
  const dir = existingDir(argv.dir, 'the --out directory of the shards');
  prepareOutDir(dir, argv.force, 'DIR');
  const note = stderrNotes(argv.quiet);
  const t0 = performance.now();
  const r = await mergeShards({ outDir: dir, force: argv.force, command: [programName(), ...process.argv.slice(2).map(shellQuote)].join(' '), log: note });
  process.stdout.write(argv.json ? r.json : `${dir}\n`);
  if (r.sweep && !argv.quiet) printSweepTable(r.sweep, r.plan ?? null, note);
  note(`merged ${r.shards} shards of ${r.kind} ${JSON.stringify(r.name)} (${r.runs} runs per arm${r.sweep ? `, ${r.sweep.points.length} points` : ''}) into ${dir}: ${r.files.map((f) => basename(f)).join(', ')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.experiment?.report) note(`report: ${r.experiment.report}`);
  if (r.plan) await sweepReport(r.plan, dir, note);
}
